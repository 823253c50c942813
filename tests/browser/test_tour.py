"""The benchmark's interaction tour, walked in a real browser: every step reaches its expected content.

The steps are :data:`benchmarks.tour_steps.TOUR`, the same list ``benchmarks/tour.py`` times; here
nothing is timed. The tour writes (a Model, a sync round, sharing), so it runs on a demo cluster of
its own. Also checked on the way: the Model's YAML downloads as ``<model>.yaml`` holding an
appliable manifest.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import yaml
from playwright.sync_api import Page, expect

from benchmarks.tour_steps import MODEL, NS, TOUR, Tour, close_page_not_found
from tests.browser.conftest import served_console


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The console on its own embedded demo cluster (the tour changes it)."""
    with served_console(tmp_path_factory.mktemp("tour_server")) as base_url:
        yield base_url


def test_the_tour_has_at_least_thirty_interactions() -> None:
    assert len(TOUR) >= 30
    assert len({step.name for step in TOUR}) == len(TOUR)


def test_every_step_of_the_tour_reaches_its_expected_content(own_server: str, page: Page) -> None:
    page.set_viewport_size({"width": 1400, "height": 1600})
    page.goto(f"{own_server}/models?ns={NS}")
    expect(page.get_by_test_id("stMain").get_by_role("heading", name="Models", exact=True)).to_be_visible()
    tour = Tour(page, own_server, f"tour-{uuid.uuid4().hex[:6]}")
    for index, step in enumerate(TOUR, 1):
        step.act(tour)
        close_page_not_found(tour)
        expect(step.expect(tour), f"step {index}: {step.name}").to_be_visible()
        if step.name == "open the YAML tab":
            with page.expect_download() as download:
                tour.main.get_by_role("button", name="Download YAML").click()
            assert download.value.suggested_filename == f"{MODEL}.yaml"
            manifest = yaml.safe_load(download.value.path().read_text())
            assert list(manifest) == ["apiVersion", "kind", "metadata", "spec"]
            assert manifest["metadata"]["name"] == MODEL
