#!/usr/bin/env python3
"""Translates the resolved compose file (`docker-compose config`) into one environment file per
service for scripts/smoke-topology.sh, which runs the services as plain processes on loopback.

    topology-env.py COMPOSE_CONFIG OUT_DIR KEY=VALUE...

KEY=VALUE settings (all required):
  DATABASE_URL, REDIS_URL   the backing PostgreSQL and Redis (replace postgres:5432 and redis:6379)
  api, master, pdf, minio, mailpit   host:port each compose service (host:container port) maps to
  VOLUMES                   folder under which each named volume becomes a folder

Rules (the only differences from compose, each for a reason a process on loopback has):
  - every URL's `//<service>:<port>` becomes the loopback address of that service's process, and so
    does a `<X>_HOST: <service>` with its `<X>_PORT`;
    DATABASE_URL and REDIS_URL become the backing servers' URLs (their credentials differ);
  - a service's own listening port variable becomes its loopback port, 0.0.0.0 becomes 127.0.0.1;
  - a value under a volume's mount point (e.g. DATA_DIR=/data) moves to that volume's folder, so
    services that share a volume in compose share a folder here;
  - the PDF function's S3 store (MinIO) becomes its file store, in the folder that a static file
    server (standing in for MinIO's public-read bucket) serves at the same path-style URL.
Writes OUT_DIR/<service>.env as `export KEY='value'` lines.
"""
import os
import shlex
import sys
from urllib.parse import urlsplit

import yaml

SERVICES = ["api", "master", "worker", "pdf", "frontend"]
# the variable each service listens on (container side); compose fixes the container port
LISTEN = {"api": ("PORT", "HOST"), "master": ("MASTER_PORT", "MASTER_HOST"), "pdf": ("PORT", None)}


def main():
    compose_file, out_dir, *pairs = sys.argv[1:]
    given = dict(p.split("=", 1) for p in pairs)
    with open(compose_file, encoding="utf-8") as f:
        compose = yaml.safe_load(f)
    services = compose["services"]
    endpoints = {}
    for name in ("api", "master", "pdf", "minio", "mailpit"):
        host, port = given[name].split(":")
        endpoints[name] = (host, port)
    container_ports = {"api": "8080", "master": "8081", "pdf": "8080", "minio": "9000", "mailpit": "1025"}

    for name in SERVICES:
        if name not in services:
            sys.exit(f"compose has no service {name}")
        env = {k: "" if v is None else str(v) for k, v in (services[name].get("environment") or {}).items()}
        mounts = volume_mounts(services[name], given["VOLUMES"])
        for key, value in list(env.items()):
            if key == "DATABASE_URL":
                env[key] = given["DATABASE_URL"]
            elif key == "REDIS_URL":
                env[key] = given["REDIS_URL"]
            else:
                env[key] = relocate(rewrite_urls(value, endpoints, container_ports), mounts)
        # a bare host name with its port beside it (SMTP_HOST=mailpit, SMTP_PORT=1025)
        for key in [k for k in env if k.endswith("_HOST") and env[k] in endpoints]:
            service = env[key]
            env[key] = endpoints[service][0]
            port_key = key[: -len("_HOST")] + "_PORT"
            if env.get(port_key) == container_ports[service]:
                env[port_key] = endpoints[service][1]
        listen = LISTEN.get(name)
        if listen:
            port_var, host_var = listen
            env[port_var] = endpoints[name][1]
            if host_var:
                env[host_var] = "127.0.0.1"
        if name == "pdf" and env.get("TICKET_STORE", "s3") == "s3":
            bucket = env.get("TICKET_BUCKET", "tixproof-tickets")
            prefix = env.get("TICKET_PREFIX", "tickets/").strip("/")
            store = os.path.join(given["VOLUMES"], "minio-data")
            env["TICKET_STORE"] = "file"
            env["TICKET_DIR"] = os.path.join(store, bucket, prefix)
            host, port = endpoints["minio"]
            env["TICKET_PUBLIC_BASE_URL"] = f"http://{host}:{port}/{bucket}"
            env.pop("S3_ENDPOINT", None)
        with open(os.path.join(out_dir, f"{name}.env"), "w", encoding="utf-8") as f:
            for key in sorted(env):
                f.write(f"export {key}={shlex.quote(env[key])}\n")


def rewrite_urls(value, endpoints, container_ports):
    if "://" not in value:
        return value
    parts = urlsplit(value)
    name = parts.hostname
    if name in endpoints and str(parts.port or "") == container_ports[name]:
        host, port = endpoints[name]
        return value.replace(f"//{name}:{parts.port}", f"//{host}:{port}", 1)
    return value


def volume_mounts(service, volumes_dir):
    """Mount point -> local folder for the service's named volumes."""
    mounts = {}
    for v in service.get("volumes") or []:
        if isinstance(v, dict) and v.get("type") == "volume":
            source, target = v["source"], v["target"]
        elif isinstance(v, str) and ":" in v and not v.startswith((".", "/")):
            source, target = v.split(":")[:2]
        else:
            continue
        local = os.path.join(volumes_dir, source)
        os.makedirs(local, exist_ok=True)
        mounts[target.rstrip("/")] = local
    return mounts


def relocate(value, mounts):
    for target, local in mounts.items():
        if value == target or value.startswith(target + "/"):
            return local + value[len(target):]
    return value


if __name__ == "__main__":
    main()
