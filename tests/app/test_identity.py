"""Identity modes on the real pages: who the console acts as, per-identity permissions and caches,
refused sessions, and the audit trail every write leaves (shown on the Activity page)."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from streamlit.testing.v1 import AppTest

from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.ui import identity, pages
from tests.app.conftest import app
from tests.app.day2 import NS, QWEN, harness, text, walk

FP16 = f"mdl-{QWEN}-fp16"
PATCH_MODELS = ("patch", "models")
MODELS_GROUP = "model.samzong.dev"


def as_proxy(monkeypatch: pytest.MonkeyPatch, headers: Mapping[str, str]) -> None:
    """Proxy mode, with this session's request carrying ``headers`` (AppTest cannot send headers)."""
    monkeypatch.setenv("MODELFS_UI_AUTH", "proxy")
    monkeypatch.setattr(identity, "request_headers", lambda: headers)


def sidebar_text(at: AppTest) -> str:
    return "\n".join(str(getattr(n, "value", "")) for n in walk(at.sidebar) if hasattr(n, "value"))


def page(**params: str) -> AppTest:
    at = app()
    at.query_params["ns"] = NS
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def test_without_identity_mode_the_sidebar_says_everyone_acts_as_one_identity(seeded: EmulatorThread) -> None:
    at = page()
    assert not at.exception
    assert "Everyone using this console acts as this one identity" in sidebar_text(at)
    assert all("Impersonate-User" not in r.headers for r in seeded.emulator.received)


def test_behind_the_proxy_a_session_without_the_user_header_is_refused(
    seeded: EmulatorThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_proxy(monkeypatch, {"Host": "console"})
    at = page()
    assert not at.exception
    assert "Sign in through the console's proxy." in text(at)
    assert "X-Forwarded-User" in text(at)
    assert not seeded.emulator.received, "a refused session sends nothing to the cluster"
    assert not at.selectbox, "no namespace picker, no page"


def test_behind_the_proxy_every_request_impersonates_the_person(
    seeded: EmulatorThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_proxy(monkeypatch, {"X-Forwarded-User": "alice", "X-Forwarded-Groups": "ml,ops"})
    at = page(model=QWEN)
    assert not at.exception
    assert "alice" in sidebar_text(at) and "groups: ml, ops" in sidebar_text(at)
    received = list(seeded.emulator.received)
    assert received and {r.subject.user for r in received} == {"alice"}
    assert {r.subject.groups[:2] for r in received} == {("ml", "ops")}


def test_one_persons_allowed_actions_never_reach_another(
    seeded: EmulatorThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Default cache TTLs: a cache keyed without the person would hand bob alice's answers.
    seeded.emulator.access.deny(*PATCH_MODELS, group=MODELS_GROUP, namespace=NS, subject="bob")
    seeded.emulator.access.deny("list", "modelsources", group=MODELS_GROUP, namespace=NS, subject="alice")
    as_proxy(monkeypatch, {"X-Forwarded-User": "alice"})
    alice = page(model=QWEN)
    as_proxy(monkeypatch, {"X-Forwarded-User": "bob"})
    bob = page(model=QWEN)
    assert not alice.exception and not bob.exception
    assert f"You may not patch models.model.samzong.dev in {NS}" in text(bob)
    assert "You may not patch models" not in text(alice)
    reviews = seeded.emulator.received_matching("POST", "selfsubjectaccessreviews")
    assert {"alice", "bob"} <= {r.subject.user for r in reviews}
    lists = seeded.emulator.received_matching("GET", f"/namespaces/{NS}/modelsources$")
    assert {"alice", "bob"} <= {r.subject.user for r in lists}, "each person's list is read as that person"


def test_with_oidc_the_signed_in_persons_id_token_reaches_the_api_server(
    seeded: EmulatorThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MODELFS_UI_AUTH", "oidc")
    seeded.emulator.access.add_token("carols-id-token", "carol@example.com")
    at = app()
    at.query_params["ns"] = NS
    at.user = {"is_logged_in": True, "email": "carol@example.com", "tokens": {"id": "carols-id-token"}}
    at.run()
    assert not at.exception
    assert "carol@example.com" in sidebar_text(at)
    received = list(seeded.emulator.received)
    assert received and {r.headers.get("Authorization") for r in received} == {"Bearer carols-id-token"}
    assert {r.subject.user for r in received} == {"carol@example.com"}


def test_with_oidc_nobody_signed_in_gets_the_sign_in_page(
    seeded: EmulatorThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MODELFS_UI_AUTH", "oidc")
    at = app()
    at.user = {"is_logged_in": False}
    at.run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Sign in"]
    assert not seeded.emulator.received


def test_an_unknown_mode_refuses_rather_than_sharing_one_identity(
    seeded: EmulatorThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MODELFS_UI_AUTH", "ldap")
    at = page()
    assert "is not a mode this console knows" in text(at)
    assert not seeded.emulator.received


# ---- the audit trail ---------------------------------------------------------------------------


def bump(at: AppTest) -> AppTest:
    at.checkbox(key=f"rerun.{QWEN}.fp16.ack").check().run()
    return at.button(key=f"rerun.{QWEN}.fp16.button").click().run()


def audit_events(cluster: EmulatorThread) -> list[dict[str, object]]:
    store = cluster.emulator.store
    return store.list(store.rtype("", "events"), NS, field_selector="reason=ModelfsUIAction")


def test_a_write_leaves_an_event_naming_the_person_and_the_activity_page_shows_it(
    seeded: EmulatorThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MODELFS_UI_CACHE_TTL", "0")
    as_proxy(monkeypatch, {"X-Forwarded-User": "alice"})
    at = bump(harness(QWEN, "fp16", "rerun").run())
    assert not at.exception
    (event,) = audit_events(seeded)
    assert event["message"] == f"alice re-ran sync of {FP16}, round 2"
    assert event["involvedObject"]["name"] == FP16 and event["source"] == {"component": "modelfs-ui"}
    created = seeded.emulator.received_matching("POST", f"/namespaces/{NS}/events$")
    assert created[-1].subject.user == "alice", "the Event is written as the person too"
    activity = app()
    activity.query_params["ns"] = NS
    activity.run()
    activity.switch_page(pages.ACTIVITY.script).run()
    assert not activity.exception
    table = activity.dataframe[0].value
    assert list(table["Who"]) == ["alice"]
    assert list(table["What"]) == [f"re-ran sync of {FP16}, round 2"]
    assert list(table["Result"]) == ["✓ done"]


def test_an_event_that_cannot_be_created_does_not_fail_the_write_and_says_so(
    seeded: EmulatorThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MODELFS_UI_CACHE_TTL", "0")
    seeded.emulator.inject(f"/namespaces/{NS}/events$", method="POST", status=403, reason="Forbidden")
    at = bump(harness(QWEN, "fp16", "rerun").run())
    assert not at.exception
    assert seeded.emulator.received_matching("PATCH", f"/datasets/{FP16}$"), "the write was made"
    spec = seeded.emulator.store.get(seeded.emulator.store.rtype("dataset.baizeai.io", "datasets"), NS, FP16)["spec"]
    assert spec["dataSyncRound"] == 2
    assert "its audit Event could not be recorded" in text(at)
    assert "its audit Event could not be recorded" not in text(at.run()), "said once"
    assert not audit_events(seeded)


def test_a_refused_write_is_recorded_as_a_failure(seeded: EmulatorThread, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MODELFS_UI_CACHE_TTL", "0")
    seeded.emulator.inject(f"/datasets/{FP16}$", method="PATCH", status=409, reason="Conflict", times=1)
    bump(harness(QWEN, "fp16", "rerun").run())
    (event,) = audit_events(seeded)
    assert event["type"] == "Warning"
    assert "failed" in str(event["message"])
    assert event["metadata"]["annotations"]["modelfs-ui/result"] == "failed"
