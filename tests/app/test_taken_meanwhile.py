"""A name someone else took between the review and the apply: who took it, and the way back to choose another."""

from __future__ import annotations

from modelfs_lib.demo.runner import EmulatorThread
from tests.helpers.cluster import writes
from tests.helpers.page import box_text
from tests.helpers.wizard import NS, click, fill_basics, fill_card, key, open_wizard, page_text


def test_a_model_created_by_someone_else_during_the_review_is_named_with_its_creator(seeded: EmulatorThread) -> None:
    at = open_wizard("create")
    fill_basics(at, name="qwen-late")
    click(at, key(None, "next"))
    fill_card(at, 0)
    click(at, key(None, "next"))
    assert "The API server accepts it (server-side dry-run)" in page_text(at)
    store = seeded.emulator.store
    manifest = {
        "apiVersion": "model.samzong.dev/v1",
        "kind": "Model",
        "metadata": {"name": "qwen-late", "namespace": NS},
        "spec": {"sourceRef": "huggingface", "versions": [{"name": "v1", "repo": "a/b"}]},
    }
    store.create(store.rtype_of(manifest), manifest, namespace=NS, manager="kubectl-create", operation="Update")
    at.run()
    (error,) = [e.value for e in at.error]
    assert error.startswith("Model **qwen\\-late** was created in ml\\-team by **kubectl\\-create** at ")
    assert "Go back and choose another name" in error
    assert "problems again" not in page_text(at)
    assert key(None, "review.apply") not in [b.key for b in at.button]
    click(at, key(None, "taken.rename"))
    assert "already exists here: edit it instead" in box_text(at, key(None, "name"))
    assert not [w for w in writes(seeded) if w.params.get("dryRun") != "All" and "/models/" in w.path]
