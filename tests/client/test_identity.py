"""Acting as a person: what reaches the API server, and how the demo cluster answers each person."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from modelfs_lib.client import ActingAs, ClusterClient, discover
from modelfs_lib.demo.access import CONSOLE, Subject
from modelfs_lib.demo.runner import EmulatorThread, write_kubeconfig
from modelfs_lib.errors import Forbidden
from modelfs_lib.resources import Model

NS = "ml-team"
MODELS = ("model.samzong.dev", "models")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[EmulatorThread, ClusterClient]]:
    thread = EmulatorThread().start()
    config = discover(kubeconfig=str(write_kubeconfig(thread.url, tmp_path / "kc")))
    assert config is not None
    client = ClusterClient.connect(config, timeout_seconds=5)
    yield thread, client
    client.close()
    thread.stop()


def test_impersonation_sends_the_user_and_one_header_per_group(served: tuple[EmulatorThread, ClusterClient]) -> None:
    thread, client = served
    client.acting_as(ActingAs("alice", ("ml", "ops"))).list(Model, namespace=NS)
    request = thread.emulator.received[-1]
    assert request.subject == Subject("alice", ("ml", "ops", "system:authenticated"))
    assert request.headers["Authorization"] == "Bearer demo-token"  # the console's own credentials


def test_without_a_person_requests_carry_no_impersonation(served: tuple[EmulatorThread, ClusterClient]) -> None:
    thread, client = served
    client.acting_as(None).list(Model, namespace=NS)
    request = thread.emulator.received[-1]
    assert request.subject == CONSOLE
    assert not {"Impersonate-User", "Impersonate-Group"} & set(request.headers)


def test_a_signed_in_persons_token_replaces_the_consoles_own(served: tuple[EmulatorThread, ClusterClient]) -> None:
    thread, client = served
    thread.emulator.access.add_token("id-token-of-carol", "carol@example.com", ["ml"])
    client.acting_as(ActingAs(token="id-token-of-carol")).list(Model, namespace=NS)
    request = thread.emulator.received[-1]
    assert request.headers["Authorization"] == "Bearer id-token-of-carol"
    assert request.subject.user == "carol@example.com"
    assert "Impersonate-User" not in request.headers


def test_the_token_never_shows_in_the_identitys_repr() -> None:
    assert "secret-token" not in repr(ActingAs(token="secret-token"))


def test_access_reviews_and_requests_answer_for_the_impersonated_person(
    served: tuple[EmulatorThread, ClusterClient],
) -> None:
    thread, client = served
    thread.emulator.access.deny("patch", MODELS[1], group=MODELS[0], subject="bob")
    alice, bob = (client.acting_as(ActingAs(user)) for user in ("alice", "bob"))
    model = Model.KIND
    assert alice.can_i(verb="patch", kind=model, namespace=NS).allowed
    assert not bob.can_i(verb="patch", kind=model, namespace=NS).allowed
    with pytest.raises(Forbidden):
        bob.merge_patch(Model, namespace=NS, name="qwen", patch={"metadata": {"labels": {"a": "b"}}})


def test_a_deny_rule_for_a_group_applies_to_its_members(served: tuple[EmulatorThread, ClusterClient]) -> None:
    thread, client = served
    thread.emulator.access.deny("list", MODELS[1], group=MODELS[0], subject="interns")
    with pytest.raises(Forbidden):
        client.acting_as(ActingAs("dave", ("interns",))).list(Model, namespace=NS)
    client.acting_as(ActingAs("dave")).list(Model, namespace=NS)


def test_impersonating_needs_the_callers_permission(served: tuple[EmulatorThread, ClusterClient]) -> None:
    thread, client = served
    thread.emulator.access.deny("impersonate", "groups", name="system:masters")
    with pytest.raises(Forbidden):
        client.acting_as(ActingAs("eve", ("system:masters",))).list(Model, namespace=NS)
    assert client.acting_as(ActingAs("eve", ("ml",))).list(Model, namespace=NS) == []  # other groups: allowed


def test_a_view_leaves_the_shared_connections_open(served: tuple[EmulatorThread, ClusterClient]) -> None:
    _, client = served
    client.acting_as(ActingAs("alice")).close()
    assert client.list(Model, namespace=NS) == []
