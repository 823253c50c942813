"""The console's RBAC is what its requests need: REQUIRED_ACCESS, the chart's roles and the README's
table all equal the checks the API server makes for the requests the console sends while every page,
wizard and action is driven (tests/access/drive.py). A new request fails here until the grants are
derived again (``python -m tests.access.derive --write``); a grant no request needs fails too.
"""

from __future__ import annotations

import pytest

from modelfs_lib.client import CONTROLLER_ACCESS, REQUIRED_ACCESS
from modelfs_lib.client.rbac import ACCESS_FILE
from modelfs_lib.demo.request_attributes import RequestAttributes
from tests.access.artifacts import (
    CHART_ACCESS_FILE,
    NO_WHY,
    README,
    REGENERATE,
    DerivedAccess,
    access_json,
    chart_access_yaml,
    derive,
    readme_grants,
    readme_rows,
    readme_table,
)
from tests.access.drive import record_console_access
from tests.deploy.chart import Rendered, render


@pytest.fixture(scope="module")
def recorded() -> set[RequestAttributes]:
    return record_console_access()


@pytest.fixture(scope="module")
def derived(recorded: set[RequestAttributes]) -> DerivedAccess:
    return derive(recorded)


def granted(rendered: Rendered, kind: str) -> set[tuple[str, str, str]]:
    found: set[tuple[str, str, str]] = set()
    for rule in rendered.one(kind)["rules"]:
        assert set(rule) == {"apiGroups", "resources", "verbs"}, "no resourceNames or nonResourceURLs expected"
        found |= {(v, g, r) for g in rule["apiGroups"] for r in rule["resources"] for v in rule["verbs"]}
    return found


def test_no_secret_is_ever_listed_or_watched_only_read_by_name(recorded: set[RequestAttributes]) -> None:
    on_secrets = {check.verb for check in recorded if (check.group, check.resource) == ("", "secrets")}
    assert on_secrets == {"get"}, "Secrets are read one by one, by name"


def test_required_access_is_exactly_what_the_console_sent(derived: DerivedAccess) -> None:
    assert sorted(derived.all - REQUIRED_ACCESS) == [], f"sent but not granted: run `{REGENERATE}`"
    assert sorted(REQUIRED_ACCESS - derived.all) == [], f"granted but never needed: run `{REGENERATE}`"
    assert derived.controller == CONTROLLER_ACCESS, "only these went to the controller's namespace alone"
    assert ACCESS_FILE.read_text(encoding="utf-8") == access_json(derived)


def test_the_charts_access_file_is_the_derived_one(derived: DerivedAccess) -> None:
    assert CHART_ACCESS_FILE.read_text(encoding="utf-8") == chart_access_yaml(derived), f"run `{REGENERATE}`"


def test_the_rendered_roles_grant_exactly_what_the_console_sent(derived: DerivedAccess) -> None:
    rendered = render()
    assert granted(rendered, "ClusterRole") == set(derived.cluster)
    assert granted(rendered, "Role") == set(derived.controller)


def test_read_only_roles_grant_exactly_the_reads_and_access_reviews_the_console_sent(derived: DerivedAccess) -> None:
    rendered = render({"readonly": True})

    def kept(grants: frozenset[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
        return {g for g in grants if g[0] in ("get", "list", "watch") or g[2] == "selfsubjectaccessreviews"}

    assert granted(rendered, "ClusterRole") == kept(derived.cluster)
    assert granted(rendered, "Role") == kept(derived.controller)


def test_the_readme_table_lists_exactly_required_access_each_with_a_why(derived: DerivedAccess) -> None:
    text = README.read_text(encoding="utf-8")
    assert readme_grants(text) == set(REQUIRED_ACCESS)
    assert text == readme_table(derived, text), f"run `{REGENERATE}`"
    assert all(why and why != NO_WHY for *_, why in readme_rows(text)), "every row says why"
