"""Graphics: what the site draws itself (there are no photographs).

Owns the palette (`drawing`), the committee's mark and name (`identity`), world maps from
Natural Earth's countries in `geodata/` (`maps`, and `svg_maps` for maps of cities drawn
as SVG), generated illustrations (`artwork`), the demo's pictures (`demo_images`) and the
pages' social preview cards (`social_cards`).

May import: Django, Wagtail, Pillow; never `core`, `caching`, `search`, `security` or an
app. `core.page_maps` maps pages with `svg_maps`.
"""
