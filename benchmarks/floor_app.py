"""The floor of the first-row figure: a bare Streamlit page with one 200-row table (run by benchmarks/scale.py).

Nothing of the console is imported; the page draws 200 rows of eight text columns, as many rows as
the Models table sends at once, so the time to its first row is what Streamlit and chromium need
on this machine before any console code runs.
"""

import pandas as pd
import streamlit as st

st.title("Floor")
st.dataframe(
    pd.DataFrame({f"column {c}": [f"row {r} cell {c}" for r in range(200)] for c in range(8)}),
    hide_index=True,
)
