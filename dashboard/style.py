"""The page's CSS: text in any direction shows its beginning, and the marks of the detail view."""

# Each text box, option and tag takes its direction from its own first letter (unicode-bidi:
# plaintext), so an Arabic title is right-aligned and cut at its end, not at its beginning
# ("رست" must never show as "ست"); Latin text stays left-aligned.
CSS = """
<style>
[data-testid="stSelectbox"] input, [data-testid="stMultiSelect"] input, [data-testid="stTextInput"] input,
[role="option"], [role="listbox"] li, [data-testid="stMultiSelect"] [data-baseweb="tag"] span,
[data-testid="stMultiSelect"] [role="row"] span {unicode-bidi: plaintext; text-align: start;}
.nm-sentence {font-size: 1.15rem; line-height: 2; padding: .8rem 1rem; border-radius: .5rem;
              background: #fafaf7; border: 1px solid #e6e4dc; margin-bottom: .5rem;}
.nm-sentence[dir=rtl] {text-align: right; font-family: "Noto Naskh Arabic", "Amiri", "Noto Sans Arabic", serif;}
mark.nm-date {background: #ffe08a; padding: 0 .15em; border-radius: .2em;}
mark.nm-place {background: #b9e3c6; padding: 0 .15em; border-radius: .2em;}
mark.nm-event {background: #dbe8fb; padding: .1em 0; border-bottom: 2px solid #4e79a7;}
.nm-article {max-height: 28rem; overflow-y: auto; white-space: pre-wrap; line-height: 1.9; padding: .8rem 1rem;
             border: 1px solid #e6e4dc; border-radius: .5rem; background: #fdfdfb;}
.nm-article[dir=rtl] {font-family: "Noto Naskh Arabic", "Amiri", "Noto Sans Arabic", serif;}
.nm-legend {display: flex; flex-wrap: wrap; gap: .2rem 1.1rem; font-size: .85rem; color: #444; margin: .3rem 0;}
.nm-key {display: inline-flex; align-items: center; gap: .35rem;}
.nm-swatch {display: inline-block; width: .8rem; height: .8rem; border-radius: 50%;}
</style>
"""
