"""``{% publicfragment "name" value ... %}…{% endpublicfragment %}``: a part of a
public page kept in the fragment cache (public_cache/caching.py).

Like Django's ``{% cache %}``, but the key also holds the language, the content
version and the clock's next change, and the timeout never reaches past that
change; staff never read or write it. The values after the name are what the
part depends on besides the content (the selected filters, the page number).

Only the public views (``PUBLIC_VIEWS``, those the page cache may keep) read or
write it: on any other page (an embargo link's, an address no view answers) the
part may show what only that page may (a token in a link, a neutral identity),
so it is rendered there and never shared.
"""

from django import template

from public_cache.fragments import cached_fragment
from public_cache.middleware import PUBLIC_VIEWS

register = template.Library()


class PublicFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context):
        request = context.get("request")
        match = getattr(request, "resolver_match", None)
        if match is None or match.view_name not in PUBLIC_VIEWS:
            return self.nodelist.render(context)
        vary_on = [str(value.resolve(context)) for value in self.vary_on]
        return cached_fragment(request, self.name, vary_on, lambda: self.nodelist.render(context))


@register.tag("publicfragment")
def publicfragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(
            f'{bits[0]} needs a quoted name: {{% {bits[0]} "name" value … %}}'
        )
    nodelist = parser.parse(("endpublicfragment",))
    parser.delete_first_token()
    return PublicFragmentNode(
        nodelist, bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]]
    )
