"""The Redis cache without Redis: misses instead of errors, no timeout paid twice, and
counters (the rate limit) that fail closed. A real Redis process where one is installed."""

import socket
import time

import pytest
from django.test import RequestFactory
from django.utils import translation

from core import protection
from core.cache_backends import CacheUnavailable, FaultTolerantRedisCache


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens once the socket is closed


def cache_at(port, breaker=5):
    return FaultTolerantRedisCache(
        f"redis://127.0.0.1:{port}/0",
        {"KEY_PREFIX": "test", "OPTIONS": {"BREAKER_SECONDS": breaker}},
    )


def test_an_unreachable_redis_reads_as_a_miss_and_writes_do_nothing():
    cache = cache_at(closed_port())
    assert cache.get("page", "default") == "default"
    cache.set("page", "html")
    assert cache.add("page", "html") is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.delete("page") is False
    assert cache.get_or_set("page", "fresh") == "fresh"
    assert cache.ping() is False


def test_counters_raise_so_the_rate_limit_refuses(monkeypatch, settings):
    settings.RATELIMIT_ENABLE = True
    cache = cache_at(closed_port())
    with pytest.raises(CacheUnavailable):
        cache.incr("counter")
    monkeypatch.setattr(protection, "cache", cache)
    request = RequestFactory().post("/de/registration/1/")
    assert protection.rate_limited(request, "registration") is True
    with translation.override("en"):
        status, message = protection.refusal(request, "registration")
    assert status == 503 and "technical fault" in message


def test_after_a_failure_redis_is_left_alone_for_the_breaker_seconds(monkeypatch):
    cache = cache_at(closed_port(), breaker=60)
    cache.get("warm-up")  # fails and opens the breaker
    calls = []
    monkeypatch.setattr(cache._cache, "get", lambda *args: calls.append(args))
    started = time.monotonic()
    for _ in range(100):
        assert cache.get("page") is None
    assert calls == []  # Redis was not asked at all
    assert time.monotonic() - started < 0.1


def test_a_reachable_redis_caches_and_counts(redis_port):
    cache = cache_at(redis_port)
    assert cache.ping() is True
    cache.set("page", "html", 60)
    assert cache.get("page") == "html"
    assert cache.add("counter", 0, 60) is True
    assert cache.incr("counter") == 1
    assert cache.incr("counter") == 2
