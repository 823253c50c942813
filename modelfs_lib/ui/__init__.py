"""The Streamlit layer: shared widgets, the page frame and cached data access.

Only this package and the pages import streamlit.
"""
