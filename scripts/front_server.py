"""The documented production front (deploy/nginx-site.conf) run locally before app servers on
loopback: what tests/core/test_front_server.py and scripts/lighthouse.py put in front of
gunicorn, so that they measure what visitors get (whole requests buffered, pages gzipped)."""

import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def nginx_binary():
    """The nginx executable, or None (Debian: apt-get install nginx-light)."""
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    return found if Path(found).exists() else None


def write_nginx_config(folder, app_port, port):
    """nginx.conf in `folder`: the site's server block from deploy/nginx-site.conf, passing
    to 127.0.0.1:`app_port` and listening on 127.0.0.1:`port`, its files kept in `folder`.
    Returns the command that runs it in the foreground."""
    folder = Path(folder)
    site = (ROOT / "deploy" / "nginx-site.conf").read_text()
    site = site.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};")
    site = site.replace("listen 8080;", f"listen 127.0.0.1:{port};")
    (folder / "site.conf").write_text(site)
    (folder / "nginx.conf").write_text(
        f"""
daemon off;
worker_processes 1;
{"user root;" if os.geteuid() == 0 else ""}
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/site.conf;
}}
"""
    )
    return [nginx_binary(), "-p", str(folder), "-c", str(folder / "nginx.conf")]
