"""A version's Dataset and PVC against the seeded demo: what is shown, what stays hidden, what is missing."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.demo.seed_catalog import SECRET_MARKER
from tests.app.day2 import NS, QWEN, harness, rendered, text

pytestmark = pytest.mark.usefixtures("uncached_reads")


def options(at: AppTest) -> dict[str, tuple[str, str]]:
    [frame] = [df.value for df in at.dataframe if list(df.value.columns) == ["Option", "Value", "From"]]
    return {row.Option: (row.Value, row.From) for row in frame.itertuples()}


def leaks(at: AppTest) -> bool:
    return any(SECRET_MARKER.encode() in blob for blob in rendered(at))


def test_the_dataset_and_pvc_are_shown_with_kubectl_commands(seeded: EmulatorThread) -> None:
    at = harness(version="fp16", part="linkage").run()
    assert not at.exception
    page = text(at)
    assert "Source: **HUGGING_FACE** · `huggingface://Qwen/Qwen2.5-7B-Instruct`" in page
    assert f"Owner: Model {QWEN} (controller)" in page
    assert "Requested: **20Gi** · actual capacity: **20Gi**" in page
    assert "Storage class: `nfs-client`" in page
    assert "Access modes: ReadWriteMany" in page
    assert "Phase: **Bound**" in page
    assert f"kubectl -n {NS} get datasets.dataset.baizeai.io mdl-{QWEN}-fp16 -o jsonpath='{{.status}}'" in page
    assert f"kubectl -n {NS} describe pvc dataset-mdl-{QWEN}-fp16" in page


def test_option_keys_from_the_secret_are_hidden_and_no_secret_value_reaches_the_page(seeded: EmulatorThread) -> None:
    at = harness(version="fp16", part="linkage").run()
    shown = options(at)
    assert shown["HF_TOKEN"] == ("•••••• (hidden)", "from Secret hf-token")
    assert shown["endpoint"] == ("https://hf-mirror.com", "from the ModelSource config")
    assert not leaks(at)
    requests = seeded.emulator.received_matching("GET", f"/namespaces/{NS}/secrets")
    assert [r.path for r in requests] == [f"/api/v1/namespaces/{NS}/secrets/hf-token"]  # one get, never a list


def test_when_the_secret_is_gone_every_option_value_is_hidden(seeded: EmulatorThread) -> None:
    at = harness("whisper-large-v3", version="v3", part="linkage").run()
    shown = options(at)
    assert {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "endpoint"} <= set(shown)
    assert all(value == "•••••• (hidden)" for value, _ in shown.values())
    assert "Secret minio-credentials does not exist." in text(at)
    assert not leaks(at)


def test_a_pvc_that_cannot_bind_is_explained(seeded: EmulatorThread) -> None:
    at = harness("deepseek-r1-distill-qwen-1-5b", version="nvme", part="linkage").run()
    assert "Phase: **Pending**" in text(at)
    assert any("no round can start until it is bound" in w.value for w in at.warning)


def test_missing_objects_say_what_that_means(seeded: EmulatorThread) -> None:
    absent = harness(version="int8", part="linkage").run()
    assert any("as expected: the version is ABSENT" in i.value for i in absent.info)
    never = harness("whisper-large-v3", version="v3-turbo", part="linkage").run()
    assert any("does not exist" in w.value for w in never.warning)


def test_a_deleted_pvc_is_shown_as_missing(seeded: EmulatorThread) -> None:
    store = seeded.emulator.store
    pvcs = store.rtype("", "persistentvolumeclaims")
    store.delete(pvcs, NS, f"dataset-mdl-{QWEN}-fp16")
    at = harness(version="fp16", part="linkage").run()
    warnings: list[Any] = [w.value for w in at.warning]
    assert any(f"PVC dataset-mdl-{QWEN}-fp16 does not exist" in w for w in warnings)
