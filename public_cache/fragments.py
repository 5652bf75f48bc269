"""Parts of public pages kept in the cache (``{% publicfragment %}``, the site's
identity, the release list's filters) under the keys of public_cache/caching.py: for
the parts of the pages the whole-page cache does not answer."""

import logging

from django.conf import settings
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.utils.translation import get_language

from public_cache.caching import public_state

logger = logging.getLogger(__name__)


def fragment_state(request):
    """The state to cache fragments under, or None when this request must not
    read or write the fragment cache (staff see previews and their own pages)."""
    if request is None or request.method not in ("GET", "HEAD"):
        return None
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return None
    return public_state(request)


def fragment_key(name, state, vary_on=(), language=None):
    """The key of fragment ``name``: the reader's language, the build, the content
    version, the clock's last instant, and what the fragment varies on."""
    return make_template_fragment_key(
        f"newsroom.{name}", [language or get_language(), *state.key_parts, *vary_on]
    )


def cached_fragment(request, name, vary_on, render):
    """``render()``'s output, from the fragment cache when it has it for this
    language, content version and epoch of the clock, else rendered and stored
    until at most the next change. A cache that fails is skipped, never fatal."""
    state = fragment_state(request)
    if state is None:
        return render()
    timeout = state.fresh_for(settings.NEWSROOM_FRAGMENT_CACHE_TIMEOUT)
    if timeout < 1:
        return render()
    key = fragment_key(name, state, vary_on)
    cache = caches[settings.NEWSROOM_FRAGMENT_CACHE]
    try:
        value = cache.get(key)
    except Exception:  # any backend's failure (Redis down): render instead
        logger.warning("fragment cache unavailable, rendering %s", name, exc_info=True)
        return render()
    if value is None:
        value = render()
        try:
            cache.set(key, value, timeout)
        except Exception:
            logger.warning("fragment cache unavailable, not storing %s", name, exc_info=True)
    return value


def cached_values(request, name, keys, compute):
    """A value for each of ``keys`` (a dict), kept one by one in the fragment cache
    under ``name`` and the public version: ``compute(missing)`` gives a dict of
    those not found there, in one go. Without a state to key them (staff), or
    with a cache that fails, everything is computed."""
    keys = list(keys)
    state = fragment_state(request)
    timeout = state.fresh_for(settings.NEWSROOM_FRAGMENT_CACHE_TIMEOUT) if state else 0
    if timeout < 1 or not keys:
        return compute(keys)
    cache_keys = {key: fragment_key(name, state, [key]) for key in keys}
    cache = caches[settings.NEWSROOM_FRAGMENT_CACHE]
    try:
        found = cache.get_many(cache_keys.values())
    except Exception:  # any backend's failure (Redis down): compute instead
        logger.warning("fragment cache unavailable, computing %s", name, exc_info=True)
        return compute(keys)
    values = {key: found[cache_keys[key]] for key in keys if cache_keys[key] in found}
    missing = [key for key in keys if key not in values]
    if missing:
        computed = compute(missing)
        values.update(computed)
        try:
            cache.set_many({cache_keys[key]: computed[key] for key in computed}, timeout)
        except Exception:
            logger.warning("fragment cache unavailable, not storing %s", name, exc_info=True)
    return values
