"""Quote Atlas dashboard entry point: page navigation, shared sidebar filters, error guard.

Run with ``make run`` (or ``streamlit run dashboard.py``). Pages live in ``pages/`` and read
the corpus and filters this file puts in ``st.session_state`` for the current run.
"""

import streamlit as st

from ui.layout import run_app

st.set_page_config(page_title="Quote Atlas", page_icon="🗺️", layout="wide")
run_app()
