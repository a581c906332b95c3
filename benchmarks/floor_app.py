"""The floor of a page view: a minimal Streamlit app timed by ``benchmarks/page_times.py --floor``.

Started like the dashboard (``streamlit run`` from the repo root, so the same
``.streamlit/config.toml``), it draws a title and a line of text (``/``), and with ``?chart=1``
also one Plotly bar chart of twelve bars, drawn with the app's chart config. What a page of
Quote Atlas takes beyond these two is the app's own work (its imports, the engine's queries, its
figures and widgets); what these take is Streamlit and headless Chromium on this machine.
"""

import streamlit as st

st.set_page_config(page_title="Floor", layout="wide")
st.title("Floor")
st.write("One line of text.")
if st.query_params.get("chart"):
    import plotly.graph_objects as go

    names = [f"Speaker {n}" for n in range(12)]
    figure = go.Figure(go.Bar(x=list(range(12, 0, -1)), y=names, orientation="h"),
                       layout=dict(title=dict(text="Twelve bars"), height=420))
    st.plotly_chart(figure, key="floor_chart", config={"topojsonURL": "/app/static/", "displaylogo": False})
