"""modelfs-ui entrypoint: page config, navigation and the shared frame. Pages do the rest."""

from pathlib import Path

import streamlit as st

from modelfs_lib.ui.shell import render_shell

PAGES = Path(__file__).resolve().parent / "pages"

st.set_page_config(page_title="modelfs-ui", page_icon=":material/deployed_code:", layout="wide")
navigation = st.navigation(
    [
        st.Page(PAGES / "models.py", title="Models", icon=":material/deployed_code:", url_path="models", default=True),
        st.Page(PAGES / "sources.py", title="ModelSources", icon=":material/cloud_download:", url_path="sources"),
        st.Page(PAGES / "activity.py", title="Activity", icon=":material/history:", url_path="activity"),
    ]
)
render_shell()
navigation.run()
