"""The frame every page draws with one call: pages, links, refresh, unknown namespaces, kept choices, ages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from modelfs_lib.demo.runner import EmulatorThread
from modelfs_lib.demo.seed import seed
from modelfs_lib.domain.times import relative_time
from modelfs_lib.ui import pages
from modelfs_lib.ui.shell import FAVICON
from modelfs_lib.ui.tables import source_link
from tests.app.conftest import ROOT, add_object
from tests.helpers.open_page import open_page

NS = "ml-team"
PAGE_SCRIPTS = sorted(p.name for p in (ROOT / "pages").glob("*.py") if p.name != "__init__.py")


@pytest.fixture
def seeded(cluster: EmulatorThread, kubeconfig: object) -> EmulatorThread:
    seed(cluster.emulator.store)
    return cluster


def sidebar_text(at: AppTest) -> str:
    kinds = ("caption", "markdown", "error", "warning", "info")
    return " ".join(str(e.value) for kind in kinds for e in at.sidebar.get(kind))


# ---- one definition of the pages ------------------------------------------------------------------


def test_every_page_script_is_registered_once_with_the_url_streamlit_gives_it() -> None:
    registered = [p for p in pages.ALL if p != pages.HOME]
    assert sorted(Path(p.script).name for p in registered) == PAGE_SCRIPTS
    for page in registered:
        assert (ROOT / page.script).is_file()
        assert page.url_path == Path(page.script).stem  # Streamlit serves pages/<name>.py at /<name>
    assert [p.url_path for p in pages.ALL] == ["", "models", "sources", "activity"]


def test_no_file_path_is_spelled_outside_the_page_registry() -> None:
    sources = [
        *(ROOT / "modelfs_lib").rglob("*.py"),
        *(ROOT / "pages").glob("*.py"),
        ROOT / "streamlit_app.py",
        ROOT / "overview.py",
    ]
    spelled = [
        str(path.relative_to(ROOT))
        for path in sources
        if path.name != "pages.py" and any(s in path.read_text() for s in ('"pages/', '"pages" /', "switch_page("))
    ]
    assert spelled == []


def test_each_page_draws_the_frame_with_one_call_and_streamlit_routes_the_pages() -> None:
    scripts = [ROOT / "overview.py", *sorted((ROOT / "pages").glob("*.py"))]
    for script in scripts:
        if script.name == "__init__.py":
            continue
        code = script.read_text()
        assert code.count("page_frame(") == 1, script.name
        assert "set_page_config" not in code and "render_shell" not in code, script.name
    app_code = [*(ROOT / "modelfs_lib").rglob("*.py"), *scripts, ROOT / "streamlit_app.py"]
    for path in app_code:
        code = path.read_text()
        for private in ("st.navigation", "PagesManager", "streamlit.runtime", "uses_pages_directory"):
            assert private not in code, f"{path.relative_to(ROOT)} uses {private}"


def test_the_sidebar_links_every_page_keeping_the_namespace(seeded: EmulatorThread) -> None:
    at = open_page(pages.SOURCES, ns=NS)
    links = at.sidebar.get("page_link")
    assert [link.value for link in links] == ["Overview", "Models", "ModelSources", "Activity"]
    assert [link.proto.page for link in links] == ["", "models", "sources", "activity"]
    assert [link.proto.query_string for link in links] == ["", f"ns={NS}", f"ns={NS}", f"ns={NS}"]
    # The Overview's link has none: with them, Streamlit keeps the current page's path in the address bar.


def test_the_home_page_counts_what_the_namespace_holds_and_links_to_it(seeded: EmulatorThread) -> None:
    at = open_page(pages.HOME, ns=NS)
    metrics = {m.label: m.value for m in at.main.get("metric")}
    assert metrics["Models"] == "15"
    assert metrics["ModelSources"] == "6"
    assert [link.proto.page for link in at.main.get("page_link")] == ["models", "sources", "activity"]


def test_a_link_made_when_models_was_the_home_page_still_opens_the_model(seeded: EmulatorThread) -> None:
    at = open_page(pages.HOME, ns=NS, model="bge-m3")
    assert at.title[0].value == "bge-m3"
    assert at.query_params["model"] in ("bge-m3", ["bge-m3"])


# ---- refresh --------------------------------------------------------------------------------------


def test_with_auto_refresh_off_there_is_a_refresh_button_and_the_age_of_the_page(seeded: EmulatorThread) -> None:
    at = open_page(pages.MODELS, ns=NS)
    at.sidebar.selectbox(key="shell.refresh").select(0).run()
    assert at.sidebar.button(key="shell.refresh_now").label == "Refresh"
    assert "Updated just now" in sidebar_text(at)
    lists_before = len(seeded.emulator.received_matching("GET", "/namespaces$"))
    at.sidebar.button(key="shell.refresh_now").click().run()
    assert not at.exception
    assert at.dataframe  # the page is drawn again
    assert len(seeded.emulator.received_matching("GET", "/namespaces$")) >= lists_before

    at.sidebar.selectbox(key="shell.refresh").select(30).run()
    with pytest.raises(KeyError):
        at.sidebar.button(key="shell.refresh_now")
    assert "Updated" not in sidebar_text(at)


def test_the_refresh_choice_is_kept_on_every_page(seeded: EmulatorThread) -> None:
    at = open_page(pages.MODELS, ns=NS)
    at.sidebar.selectbox(key="shell.refresh").select(60).run()
    for page in (pages.SOURCES, pages.ACTIVITY, pages.HOME, pages.MODELS):
        at.switch_page(page.script).run()
        assert not at.exception
        assert at.sidebar.selectbox(key="shell.refresh").value == 60, page.title


# ---- unknown namespaces ---------------------------------------------------------------------------


def test_a_namespace_that_does_not_exist_is_said_so_and_not_chosen(seeded: EmulatorThread) -> None:
    at = open_page(pages.MODELS, ns="does-not-exist")
    assert at.sidebar.selectbox(key="shell.namespace").value is None
    assert "does-not-exist" not in at.sidebar.selectbox(key="shell.namespace").options
    assert "Namespace `does-not-exist` does not exist on this cluster" in sidebar_text(at)
    assert not at.dataframe
    assert not seeded.emulator.received_matching("GET", "/namespaces/does-not-exist/")


def test_a_typed_namespace_says_it_cannot_be_checked_when_listing_is_forbidden(seeded: EmulatorThread) -> None:
    seeded.emulator.access.deny("list", "namespaces")
    at = open_page(pages.MODELS, ns="does-not-exist")
    assert at.sidebar.text_input(key="shell.namespace_typed").value == "does-not-exist"
    assert "Whether namespace `does-not-exist` exists cannot be checked" in sidebar_text(at)


def test_the_namespace_is_kept_across_pages_even_by_a_link_without_it(seeded: EmulatorThread) -> None:
    at = open_page(pages.MODELS, ns="inference")
    at.query_params.clear()
    at.switch_page(pages.SOURCES.script).run()
    assert at.sidebar.selectbox(key="shell.namespace").value == "inference"
    assert at.query_params["ns"] in ("inference", ["inference"])


# ---- ModelSources filters -------------------------------------------------------------------------


def test_the_sources_filters_live_in_the_url_and_survive_other_pages(seeded: EmulatorThread) -> None:
    at = open_page(pages.SOURCES, ns=NS)
    at.multiselect(key="sources.type").set_value(["S3"]).run()
    at.switch_page(pages.MODELS.script).run()
    at.switch_page(pages.SOURCES.script).run()
    assert at.multiselect(key="sources.type").value == ["S3"]

    linked = open_page(pages.SOURCES, ns=NS, **{"sources.type": "GIT"})
    assert linked.multiselect(key="sources.type").value == ["GIT"]


# ---- one age formatter ----------------------------------------------------------------------------


def test_ages_read_the_same_everywhere(seeded: EmulatorThread) -> None:
    when = dt.datetime.now(dt.UTC) - dt.timedelta(days=5, hours=20)  # a browser's "distance" says "6 days"
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    source = {
        "apiVersion": "model.samzong.dev/v1",
        "kind": "ModelSource",
        "metadata": {"name": "aged", "namespace": NS},
        "spec": {"type": "GIT", "config": {"uri": "https://git.example.com/models.git"}},
        "status": {
            "conditions": [
                {
                    "type": "CredentialsReady",
                    "status": "True",
                    "reason": "NoSecretRequired",
                    "message": "No Secret is needed.",
                    "lastTransitionTime": stamp,
                }
            ]
        },
    }
    add_object(seeded, source, namespace=NS)
    at = open_page(pages.SOURCES, ns=NS)
    frame = next(df.value for df in at.dataframe if "Since" in df.value.columns)
    since = frame.set_index("Name")["Since"][source_link(NS, "aged")]
    assert since == "5 days ago" == relative_time(when, dt.datetime.now(dt.UTC))


def test_the_page_icon_is_a_file_shipped_with_the_console() -> None:
    assert FAVICON.is_file()
    assert FAVICON.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert FAVICON.is_relative_to(ROOT / "modelfs_lib")  # the container image copies modelfs_lib/
