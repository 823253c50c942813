"""modelfs-ui's entry point: ``streamlit run streamlit_app.py`` serves the console.

The home page (``/``, the Overview) is ``overview.py``; Streamlit serves ``pages/`` beside it (``/models``,
``/sources``, ``/activity``). As the server starts, the lifespan imports what the pages need
(:mod:`modelfs_lib.ui.warm_up`), so that the first browser session does not pay for it.
"""

import logging
import sys

import streamlit as st

from modelfs_lib.ui.warm_up import lifespan, log

if not log.handlers:
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(_handler)
    log.setLevel(logging.INFO)

app = st.App("overview.py", lifespan=lifespan)
