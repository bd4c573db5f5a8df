"""Redis as the cache, without Redis becoming a reason for the site to fail.

``FaultTolerantRedisCache`` is Django's ``RedisCache`` with three changes:

- Connection errors and timeouts are logged and read as a cache miss: ``get`` returns the
  default, ``set``/``add``/``delete``/``clear`` do nothing. Pages are then rendered from the
  database, slower but correct (the page cache of ``core/cache.py`` simply misses).
- Short socket timeouts (``CONNECT_TIMEOUT``/``SOCKET_TIMEOUT`` in ``OPTIONS``, 0.25 s by
  default), and a circuit breaker: after a failure the process leaves Redis alone for
  ``BREAKER_SECONDS`` (5 s by default) instead of paying the timeout on every request.
- Counters fail loudly: ``incr``/``decr`` raise ``CacheUnavailable`` when Redis cannot be
  reached. A counter that quietly read as zero would open every limit built on it; the rate
  limit of ``core/protection.py`` (``cache.add`` then ``cache.incr``) catches the exception and
  refuses the submission, so it fails closed while the rest of the site keeps serving.

``ping()`` asks Redis directly, past the breaker (``/healthz`` uses it); success closes the
breaker at once.
"""

import logging
import threading
import time

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.backoff import NoBackoff
from redis.retry import Retry

logger = logging.getLogger(__name__)


class CacheUnavailable(Exception):
    """The cache could not be reached for an operation whose failure must be noticed."""


# What a dead, unreachable or overloaded Redis raises (redis wraps socket errors in these).
REDIS_DOWN = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


class FaultTolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS", {}))
        connect_timeout = float(options.pop("CONNECT_TIMEOUT", 0.25))
        socket_timeout = float(options.pop("SOCKET_TIMEOUT", 0.25))
        self.breaker_seconds = float(options.pop("BREAKER_SECONDS", 5))
        options.setdefault("socket_connect_timeout", connect_timeout)
        options.setdefault("socket_timeout", socket_timeout)
        # One immediate retry, so a pooled connection that Redis closed (a restart) is
        # replaced without counting as an outage; never a backoff that adds latency.
        options.setdefault("retry", Retry(NoBackoff(), 1))
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._open_until = 0.0  # the breaker is open (Redis skipped) until this time
        self._lock = threading.Lock()

    # --- the breaker ---------------------------------------------------------------------

    def _skipping(self):
        return time.monotonic() < self._open_until

    def _failed(self, operation, error):
        with self._lock:
            was_closed = not self._skipping()
            self._open_until = time.monotonic() + self.breaker_seconds
        if was_closed:  # once per outage window, not once per request
            logger.warning(
                "cache unavailable (%s: %s); skipping Redis for %.0f s",
                operation,
                type(error).__name__,
                self.breaker_seconds,
            )

    def _call(self, operation, default, *args, **kwargs):
        if self._skipping():
            return default
        try:
            return getattr(super(), operation)(*args, **kwargs)
        except REDIS_DOWN as error:
            self._failed(operation, error)
            return default

    def ping(self):
        """True when Redis answers now (ignores and, on success, closes the breaker)."""
        try:
            ok = bool(self._cache.get_client(write=True).ping())
        except REDIS_DOWN as error:
            self._failed("ping", error)
            return False
        if ok:
            self._open_until = 0.0
        return ok

    # --- reads: a miss ---------------------------------------------------------------------

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version=version)

    # --- writes: nothing happens -----------------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call("set", None, key, value, timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        """The keys that could not be stored: all of them while Redis is down."""
        failed = self._call("set_many", list(data), data, timeout, version=version)
        return failed or []

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version=version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version=version)

    def delete_many(self, keys, version=None):
        self._call("delete_many", None, keys, version=version)

    def clear(self):
        return self._call("clear", False)

    # --- counters: the caller must know ----------------------------------------------------

    def incr(self, key, delta=1, version=None):
        if self._skipping():
            raise CacheUnavailable("the cache is unavailable (breaker open)")
        try:
            return super().incr(key, delta, version=version)
        except REDIS_DOWN as error:
            self._failed("incr", error)
            raise CacheUnavailable("the cache is unavailable") from error
