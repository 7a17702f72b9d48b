"""The shared cache of the production profile: Redis, so that sign-in rate limits hold across
every gunicorn worker and machine.

A cache must not take the site down with it: when Redis cannot be reached, reads miss and
writes are dropped (with a warning in the log) instead of failing the request, as the outbox
does for the broker. For as long as Redis is down, rate limits are not enforced.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
_last_unreachable = [float("-inf")]  # when this process last found Redis unreachable (monotonic)


def unreachable_lately(seconds=30) -> bool:
    """Did Redis fail this process in the last ``seconds``? What merely speeds pages up (the
    page cache) stays out of the way meanwhile rather than waiting for each timeout."""
    return time.monotonic() - _last_unreachable[0] < seconds


def _fail_open(method, fallback):
    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except UNREACHABLE as error:
            _last_unreachable[0] = time.monotonic()
            logger.warning("Cache unreachable (%s): %s answered without it", error, method.__name__)
            if isinstance(fallback, type) and issubclass(fallback, Exception):
                raise fallback("cache unreachable") from error
            return fallback() if callable(fallback) else fallback

    call.__name__ = method.__name__
    return call


class ResilientRedisCacheClient(RedisCacheClient):
    add = _fail_open(RedisCacheClient.add, False)
    set = _fail_open(RedisCacheClient.set, None)
    touch = _fail_open(RedisCacheClient.touch, False)
    delete = _fail_open(RedisCacheClient.delete, False)
    get_many = _fail_open(RedisCacheClient.get_many, dict)
    has_key = _fail_open(RedisCacheClient.has_key, False)
    incr = _fail_open(RedisCacheClient.incr, ValueError)  # as for a missing key: callers handle it
    set_many = _fail_open(RedisCacheClient.set_many, list)
    delete_many = _fail_open(RedisCacheClient.delete_many, None)
    clear = _fail_open(RedisCacheClient.clear, False)

    def get(self, key, default):
        try:
            return super().get(key, default)
        except UNREACHABLE as error:
            _last_unreachable[0] = time.monotonic()
            logger.warning("Cache unreachable (%s): get answered without it", error)
            return default


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient
