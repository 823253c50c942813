"""Runs the console's entrypoint for AppTest from a folder without a ``pages/`` directory.

AppTest re-detects the legacy ``pages/`` folder next to its main script on every run
and then reruns only the page script, skipping the entrypoint's frame. Starting from
here keeps every run going through ``streamlit_app.py`` as the real server does.
"""

import runpy
from pathlib import Path

runpy.run_path(str(Path(__file__).resolve().parents[3] / "streamlit_app.py"), run_name="__main__")
