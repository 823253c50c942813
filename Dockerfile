# The modelfs-ui console: Streamlit on port 8501, as uid 10001, with a read-only root filesystem in mind.
#   docker build -t modelfs-ui:0.1.0 .
#   docker run --rm -p 8501:8501 modelfs-ui:0.1.0 -- --demo      # the embedded demo cluster
# In a cluster, charts/modelfs-ui runs it with the pod's ServiceAccount (in-cluster mode).
# The base is pinned to a Python minor version and a Debian release; pin its digest when you publish.
FROM python:3.11-slim-trixie

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HOME=/tmp \
    STREAMLIT_SERVER_PORT=8501 \
    STREAMLIT_SERVER_ADDRESS=0.0.0.0 \
    STREAMLIT_CLIENT_TOOLBAR_MODE=viewer

WORKDIR /app

# Run-time requirements only (requirements-dev.txt holds the test tools).
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt

COPY .streamlit/config.toml .streamlit/config.toml
COPY modelfs_lib/ modelfs_lib/
COPY pages/ pages/
COPY streamlit_app.py overview.py ./
# Compile now: at run time the root filesystem is read-only and PYTHONDONTWRITEBYTECODE is set.
RUN python -m compileall -q modelfs_lib pages streamlit_app.py overview.py

# The code stays owned by root: the console cannot change itself. Only /tmp ($HOME) is writable.
RUN groupadd --system --gid 10001 modelfs-ui \
    && useradd --system --uid 10001 --gid 10001 --home-dir /tmp --no-create-home \
       --shell /usr/sbin/nologin modelfs-ui
# Numeric, so that Kubernetes can verify runAsNonRoot.
USER 10001:10001

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('STREAMLIT_SERVER_PORT', '8501') + '/_stcore/health', timeout=4)"]

# Arguments go to `streamlit run`; those after `--` go to the console (e.g. `-- --demo`, `-- --readonly`).
ENTRYPOINT ["streamlit", "run", "streamlit_app.py"]
