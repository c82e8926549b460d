# One image, several commands: tipline serve | worker ingest|classify|referral | migrate | demo
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy
RUN pip install --no-cache-dir uv
WORKDIR /app
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project
COPY shared ./shared
COPY services ./services
RUN uv sync --frozen --no-dev && useradd --system tipline
USER tipline
ENTRYPOINT ["/app/.venv/bin/tipline"]
CMD ["--help"]
