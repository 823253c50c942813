"""ModelSources: the list, one source's detail, the create/edit wizard and the delete dialog, chosen by the URL."""

import streamlit as st

from modelfs_lib.resources import ModelSource
from modelfs_lib.ui import pages
from modelfs_lib.ui.navigation import param, write_action
from modelfs_lib.ui.shell import page_frame
from modelfs_lib.ui.sources import delete_dialog, detail_view, list_view, wizard

state = page_frame(pages.SOURCES, prefetch=(ModelSource,), subject=param("source"))
source, action = param("source"), write_action(state.settings.readonly)

if action == "create":
    wizard.render(state, name=None)
elif source and action == "edit":
    wizard.render(state, name=source)
elif source:
    detail_view.render(state, source)
    if action == "delete":
        delete_dialog.render(state, source)
else:
    st.title("ModelSources")
    list_view.render(state)
