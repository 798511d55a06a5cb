"""Sub-path hosting: the session-built site served by a real nginx under
/dangjian/guide/, with the configuration printed in the deployment guide
(docs/guide/deploy.md) — only the folder and the port are replaced."""

from __future__ import annotations

import gzip
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from conftest import ROOT
from crawler import SiteCrawler, site_pages

pytestmark = pytest.mark.browser

PREFIX = "/dangjian/guide/"
GUIDE = ROOT / "docs/guide/deploy.md"
DOC_SITE_DIR = "/srv/ronghe/site/"


def documented_nginx_config() -> str:
    blocks = re.findall(r"```nginx\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 1, "the deployment guide should show exactly one nginx example"
    return blocks[0]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _nginx_binary() -> str:
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    assert found, "nginx is missing: run `bash scripts/bootstrap.sh` (Debian package nginx-light)"
    return found


def _nginx_conf(tmp, site_dir, port) -> str:
    snippet = documented_nginx_config()
    assert DOC_SITE_DIR in snippet and "listen 80;" in snippet
    snippet = snippet.replace(DOC_SITE_DIR, f"{site_dir}/").replace("listen 80;", f"listen 127.0.0.1:{port};")
    temp = "\n".join(f"    {d}_temp_path {tmp}/{d};" for d in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # a foreground single process as the current user; everything else as in the guide
    return f"""daemon off;
master_process off;
pid {tmp}/nginx.pid;
error_log stderr warn;
events {{}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
{temp}
{snippet}
}}
"""


@pytest.fixture(scope="module")
def nginx_url(built_site, tmp_path_factory):
    binary = _nginx_binary()
    tmp = tmp_path_factory.mktemp("nginx")
    for _attempt in range(3):                     # the free port may be taken meanwhile
        port = _free_port()
        conf = tmp / "nginx.conf"
        conf.write_text(_nginx_conf(tmp, built_site, port), encoding="utf-8")
        check = subprocess.run([binary, "-t", "-p", str(tmp), "-e", "stderr", "-c", str(conf)],
                               capture_output=True, text=True)
        assert check.returncode == 0, f"nginx rejects the documented configuration:\n{check.stderr}"
        proc = subprocess.Popen([binary, "-p", str(tmp), "-e", "stderr", "-c", str(conf)],
                                stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 20
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        if proc.poll() is None:
            break
    else:
        pytest.fail(f"nginx did not start:\n{proc.stderr.read()}")
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


def _get(url, **headers):
    req = urllib.request.Request(url, headers=headers)
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(req, timeout=10) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_sub_path_serves_the_home_page_and_redirects_the_bare_path(nginx_url):
    status, headers, body = _get(nginx_url + PREFIX)
    assert status == 200
    assert "融合指南" in body.decode("utf-8")
    status, headers, _ = _get(nginx_url + PREFIX.rstrip("/"))
    assert status == 301 and headers["Location"].endswith(PREFIX)
    # nothing is served outside the prefix
    assert _get(nginx_url + "/index.html")[0] == 404


def test_documented_caching_headers_and_gzip(nginx_url, built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    bundle = re.search(r'src="(assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js)"', home).group(1)

    status, headers, _ = _get(nginx_url + PREFIX + "index.html")
    assert status == 200 and headers["Cache-Control"] == "no-cache"

    status, headers, body = _get(nginx_url + PREFIX + bundle, **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == (built_site / bundle).read_bytes()

    status, headers, _ = _get(nginx_url + PREFIX + "assets/vendor/iframe-worker/shim.js")
    assert status == 200 and headers["Cache-Control"] == "public, max-age=3600"

    # search: the worker and the index folder are named by their content (immutable), the entry
    # file that names them is asked for every time (an update reaches readers at once)
    from ronghe.build.search.publish import ENTRY_FILE, WORKERS, read_entry, worker_file_name

    folder = read_entry(built_site)["folder"]
    for path in [f"{WORKERS}/{worker_file_name()}"] + [f"search/{folder}/{n}.js" for n in ("head", "t0", "m0", "x0")]:
        status, headers, _ = _get(nginx_url + PREFIX + path, **{"Accept-Encoding": "gzip"})
        assert status == 200 and headers["Cache-Control"] == "public, max-age=31536000, immutable", path
        assert headers["Content-Encoding"] == "gzip", path     # scripts: compressed like the other JavaScript
    status, headers, _ = _get(nginx_url + PREFIX + "search/" + ENTRY_FILE)
    assert status == 200 and headers["Cache-Control"] == "no-cache"


@pytest.mark.slow
def test_crawl_under_sub_path_stays_inside_it(browser, built_site, nginx_url):
    report = SiteCrawler(browser, built_site, nginx_url + PREFIX).crawl()
    assert len(report.pages) == len(site_pages(built_site)) > 1
    assert report.problems() == [], report.summary()
