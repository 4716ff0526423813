"""The dev server's HTTP side: Jekyll's path rules, content types, hostile requests."""

from __future__ import annotations

import http.client
import os
import re
import socket

import pytest

from converter.errors import BuildError
from converter.serve import SCRIPT_PATH, DevServer, inject_script, open_server


@pytest.fixture()
def site_dir(tmp_path):
    root = tmp_path / "_site"
    (root / "about").mkdir(parents=True)
    (root / "about" / "index.html").write_text("<html><head><title>About</title></head><body>about</body></html>")
    (root / "cv.html").write_text("<html><head></head><body>cv</body></html>")
    (root / "404.html").write_text("<html><head></head><body>custom not found</body></html>")
    (root / "index.html").write_text("<html><head></head><body>home</body></html>")
    (root / "style.css").write_text("body{}")
    (root / "feed.xml").write_text("<feed/>")
    (root / "data.json").write_text("{}")
    (root / "empty").mkdir()
    (tmp_path / "secret.txt").write_text("top secret")
    os.symlink(tmp_path / "secret.txt", root / "leak.txt")
    os.symlink(tmp_path, root / "up")
    return root


@pytest.fixture()
def server(site_dir):
    srv = open_server("127.0.0.1", 0, site_dir, "/blog", livereload=True)
    srv.start()
    yield srv
    srv.stop()


def request(server, path, method="GET"):
    conn = http.client.HTTPConnection(*server.server_address[:2], timeout=5)
    conn.putrequest(method, path, skip_host=False, skip_accept_encoding=True)
    conn.endheaders()
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


def raw_request(server, data: bytes) -> bytes:
    with socket.create_connection(server.server_address[:2], timeout=5) as sock:
        sock.sendall(data)
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except socket.timeout:
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)


def test_binds_loopback_by_default():
    from converter.serve import add_parser
    import argparse
    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers())
    args = parser.parse_args(["serve"])
    assert args.host == "127.0.0.1" and args.port == 4000 and args.livereload and args.watch is not False
    assert parser.parse_args(["s", "--no-livereload", "--no-watch"]).livereload is False


def test_directory_serves_index_with_live_reload_script(server):
    response, body = request(server, "/blog/about/")
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert body.startswith(b"<html><head>" + f'<script src="{SCRIPT_PATH}" data-build="'.encode())
    assert b"about" in body


def test_directory_without_slash_redirects(server):
    response, _ = request(server, "/blog/about")
    assert response.status == 301 and response.getheader("Location") == "/blog/about/"


def test_extensionless_path_serves_html_file(server):
    response, body = request(server, "/blog/cv")
    assert response.status == 200 and b"cv" in body


def test_root_redirects_to_baseurl(server):
    response, _ = request(server, "/")
    assert response.status == 301 and response.getheader("Location") == "/blog/"


def test_custom_404(server):
    response, body = request(server, "/blog/nope/")
    assert response.status == 404 and b"custom not found" in body
    response, body = request(server, "/elsewhere/index.html")
    assert response.status == 404


@pytest.mark.parametrize("path,kind", [
    ("/blog/style.css", "text/css; charset=utf-8"),
    ("/blog/feed.xml", "application/xml; charset=utf-8"),
    ("/blog/data.json", "application/json; charset=utf-8"),
])
def test_content_types(server, path, kind):
    response, body = request(server, path)
    assert response.status == 200 and response.getheader("Content-Type") == kind
    assert SCRIPT_PATH.encode() not in body


def test_head_has_no_body(server):
    response, body = request(server, "/blog/index.html", method="HEAD")
    assert response.status == 200 and body == b""


@pytest.mark.parametrize("path", [
    "/blog/../secret.txt", "/blog/%2e%2e/secret.txt", "/blog/%2E%2E/%2e%2e/etc/passwd",
    "/../etc/passwd", "/blog/..%2fsecret.txt", "/blog/..\\secret.txt", "/blog/%5c..%5csecret.txt",
    "/blog/leak.txt", "/blog/up/secret.txt", "/blog/%00index.html", "/blog/%ff%fe",
    "/blog/empty/", "//etc/passwd",
])
def test_hostile_paths_are_refused(server, path):
    response, body = request(server, path)
    assert response.status in (400, 403, 404)
    assert b"top secret" not in body and b"root:" not in body


@pytest.mark.parametrize("data", [
    b"GARBAGE\r\n\r\n", b"GET\r\n\r\n", b"GET /blog/ HTTP/9.9\r\n\r\n",
    b"GET " + b"a" * 70000 + b" HTTP/1.1\r\n\r\n", b"\x00\x01\x02\r\n\r\n",
    b"GET /blog/ HTTP/1.1\r\nHost: x\r\n" + b"X: y\r\n" * 200 + b"\r\n",
    b"GET http://evil.example/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /blog/../../etc/passwd HTTP/1.0\r\n\r\n",
])
def test_malformed_requests_do_not_stop_the_server(server, data):
    reply = raw_request(server, data)
    # A request line that is not HTTP/1.x gets a bare error body, without a status line.
    code = re.match(rb"HTTP/1\.[01] (\d+)", reply) or re.search(rb"Error code: (\d+)", reply)
    assert reply == b"" or code.group(1) in (b"400", b"403", b"404", b"414", b"431", b"505")
    response, _ = request(server, "/blog/")
    assert response.status == 200


def test_taken_port_is_reported_with_advice(site_dir, server):
    with pytest.raises(BuildError) as caught:
        open_server("127.0.0.1", server.server_address[1], site_dir, "", livereload=False)
    assert "already in use" in caught.value.message and "--port 0" in caught.value.message


def test_no_livereload_serves_files_untouched(site_dir):
    srv = DevServer(("127.0.0.1", 0), site_dir, "", livereload=False)
    srv.start()
    try:
        response, body = request(srv, "/cv")
        assert body == (site_dir / "cv.html").read_bytes()
        response, _ = request(srv, SCRIPT_PATH)
        assert response.status == 404
    finally:
        srv.stop()


def test_inject_script_without_head():
    assert inject_script(b"<p>x</p>").startswith(b"<script")
    assert inject_script(b"<HEAD lang=en><x>", "b1") == \
        b'<HEAD lang=en><script src="/__converter/livereload.js" data-build="b1"></script><x>'
    assert inject_script(b"<header>x</header>").startswith(b"<script")
