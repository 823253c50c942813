"""Text from cluster objects renders literally: no image, HTML, directive or non-http link."""

from __future__ import annotations

import datetime as dt

import pytest

from modelfs_lib.domain.diagnosis import ModelEvidence, diagnose
from modelfs_lib.domain.inert_text import inert, inert_link, safe_href, safe_markdown
from modelfs_lib.resources import Dataset, Event, Model, ModelSource


@pytest.mark.parametrize(
    "hostile",
    [
        "![x](https://tracker.example/p.png)",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        ":red[boom] :material/warning:",
        "$\\frac{1}{2}$",
        "# heading\n---\n> quote",
        "`code` **bold** _it_",
    ],
)
def test_inert_escapes_every_markdown_trigger(hostile: str) -> None:
    escaped = inert(hostile)
    unescaped = [c for i, c in enumerate(escaped) if not c.isalnum() and not c.isspace() and c != "\\"
                 and (i == 0 or escaped[i - 1] != "\\")]  # fmt: skip
    assert unescaped == [], escaped


def test_inert_keeps_line_breaks_and_cuts_long_text() -> None:
    assert inert("a\nb") == "a  \nb"
    assert inert("x" * 10, limit=5) == "xxxx…"


@pytest.mark.parametrize(
    ("url", "href"),
    [
        ("https://example.com/logo.png", "https://example.com/logo.png"),
        ("http://example.com/a(1).png", "http://example.com/a%281%29.png"),
        ("javascript:alert(1)", None),
        ("data:image/png;base64,AA", None),
        ("/etc/passwd", None),
        ("file:///etc/passwd", None),
        ("https://", None),
        ("https://exa mple.com", None),
        ("https://example.com/" + "x" * 3000, None),
    ],
)
def test_only_http_urls_with_a_host_become_links(url: str, href: str | None) -> None:
    assert safe_href(url) == href


def test_a_link_label_is_inert_and_its_target_encoded() -> None:
    assert inert_link("logo", "https://e.com/a(1)") == "[logo](https://e.com/a%281%29)"
    assert inert_link("x", "javascript:alert(1)") == "javascript\\:alert\\(1\\)"


def test_safe_markdown_disarms_images_html_and_odd_links_but_keeps_emphasis() -> None:
    text = "**Error**: ![p](https://t.example/p.png) <b>x</b> [a](javascript:x) [b](https://ok.example)"
    safe = safe_markdown(text)
    assert "**Error**" in safe
    assert "\\![p]" in safe and "\\<b>" in safe
    assert "\\]\\(javascript:x)" in safe
    assert "[b](https://ok.example)" in safe


def test_the_diagnosis_engine_copes_with_objects_that_do_not_match_their_schema() -> None:
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    good = Model.from_dict(
        {
            "metadata": {"name": "m", "namespace": "ns", "generation": 2},
            "spec": {"sourceRef": "src", "versions": [{"name": "v1", "repo": "a/b"}]},
            "status": {"observedGeneration": 1, "syncedVersions": [{"name": "v1", "phase": "FAILED"}]},
        }
    )
    bad_model = Model.from_dict({"metadata": {"name": "m"}, "spec": None, "status": {"syncedVersions": {}}})
    bad_source = ModelSource.from_dict({"metadata": {"name": "src"}, "spec": {"type": 3}})
    bad_dataset = Dataset.from_dict({"metadata": {"name": "mdl-m-v1"}, "spec": "x", "status": ["READY"]})
    bad_event = Event.from_dict({"metadata": {"name": "e"}, "count": "many", "involvedObject": "m"})
    assert bad_model.invalid and bad_source.invalid and bad_dataset.invalid and bad_event.invalid
    assert diagnose(ModelEvidence(model=bad_model, now=now)) == []
    evidence = ModelEvidence(
        model=good,
        now=now,
        source=bad_source,
        sources_read=True,
        datasets=[bad_dataset],
        references=[bad_dataset],
        events=[bad_event],
    )
    findings = diagnose(evidence)
    assert findings  # the generation marker at least, whatever the broken neighbours
