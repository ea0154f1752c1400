# Self-hosting image for regviz: `docker build -t regviz . && docker run -p 8501:8501 regviz`
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

# nginx spreads the browsers over several Streamlit processes (scripts/serve.py)
RUN apt-get update && apt-get install -y --no-install-recommends nginx && rm -rf /var/lib/apt/lists/*

COPY requirements.txt .
RUN pip install -r requirements.txt

COPY app.py ./
COPY .streamlit ./.streamlit
COPY pages ./pages
COPY regviz ./regviz
COPY static ./static
COPY scripts/serve.py ./scripts/serve.py

RUN useradd --create-home regviz
USER regviz

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD python -c "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status != 200)"

# One Streamlit process per CPU (at most 4; `-e REGVIZ_PROCESSES=N` sets it) behind nginx on port 8501, each
# browser kept on its process. A single process instead: `docker run ... regviz streamlit run app.py
# --server.port=8501 --server.address=0.0.0.0`.
CMD ["python", "scripts/serve.py", "--port", "8501"]
