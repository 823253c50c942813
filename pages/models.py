"""Models: the list, one Model's detail, and the create/edit wizard, chosen by the URL."""

import streamlit as st

from modelfs_lib.resources import Model
from modelfs_lib.ui import pages
from modelfs_lib.ui.models.detail import view as detail_view
from modelfs_lib.ui.models.list import view as list_view
from modelfs_lib.ui.models.wizard import view as wizard
from modelfs_lib.ui.navigation import param, write_action
from modelfs_lib.ui.shell import page_frame

state = page_frame(pages.MODELS, prefetch=(Model,), subject=param("model"))
model, action = param("model"), write_action(state.settings.readonly)

if action == "create":
    wizard.render(state, mode="create", name=None)
elif model and action in ("edit", "add-version", "edit-yaml"):
    wizard.render(state, mode=action, name=model)
elif model:
    detail_view.render(state, model)
else:
    st.title("Models")
    list_view.render(state)
