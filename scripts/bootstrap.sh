#!/usr/bin/env bash
# Set up everything `make serve` and `make test` need on a fresh Debian machine:
# Debian packages (when missing, via apt-get as root) and the Python virtual
# environment .venv with the pinned requirements. Safe to run repeatedly.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(
  chromium              # browser tests and page screenshots (driven by Playwright)
  fonts-noto-cjk        # Noto Sans/Serif CJK SC, embedded in the PDFs
  libharfbuzz-subset0   # fast font subsetting for WeasyPrint
  libpango-1.0-0 libpangoft2-1.0-0   # WeasyPrint text layout
  poppler-utils         # pdftotext, pdffonts, pdftoppm for PDF tests
  nginx-light           # sub-path hosting test
)
PYTHON=${PYTHON:-python3}

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "正在安装系统软件包：${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "缺少系统软件包：${missing[*]}" >&2
    echo "请以 root 身份运行：apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# Python packages: exactly what requirements.lock lists, each checked against its SHA-256 hash,
# then the project itself as an editable package (the `ronghe` command and the MkDocs plugin).
stamp=.venv/.requirements-installed
if [ ! -x .venv/bin/python ]; then
  echo "正在创建 Python 虚拟环境 .venv"
  "$PYTHON" -m venv .venv
fi
if [ ! -f "$stamp" ] || ! cat requirements.lock pyproject.toml | cmp -s - "$stamp"; then
  echo "正在安装 Python 依赖（requirements.lock，逐个校验哈希值）"
  .venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes -r requirements.lock
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
  rm -f "$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/ronghe-checkout.pth"
  cat requirements.lock pyproject.toml > "$stamp"
fi
