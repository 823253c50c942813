"""modelfs-ui home page (``/``): an overview of the chosen namespace, served by ``streamlit_app.py``."""

from modelfs_lib.ui import overview, pages
from modelfs_lib.ui.shell import page_frame

overview.forward_legacy_links()
state = page_frame(pages.HOME, need_namespace=False)
overview.render(state)
