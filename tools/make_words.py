"""Write mpq_nb/assets/words.txt, the vocabulary of the synthetic corpus: the most frequent English words
(wordfreq's `top_n_list`) that are plain lower-case words espeak-ng reads as words, not letter by letter,
minus profanity and slurs. A developer's tool (needs `wordfreq` and `espeak-ng`); the package only reads the file.
Usage: python tools/make_words.py [N]   (default 3000 words)"""
import re, subprocess, sys
from pathlib import Path
from wordfreq import top_n_list

# Offensive stems (blocked with anything built on them) and whole words (blocked alone).
STEMS = 'fuck shit bitch cunt nigg fag whore slut porn rapist retard tranny bullshit asshole goddamn'.split()
WORDS = set("""dick dicks cock pussy bastard ass arse damn crap piss dyke spic chink kike gook wetback sex sexy
sexual nude naked rape raped penis vagina boob boobs tits hell jerk suck sucks sucked stupid idiot kill killed
killing killer murder murdered drug drugs cocaine weed gay lesbian""".split())
ABBREV = set('etc inc ltd lol ii iii iv vi vii viii ix xi xii vs'.split())   # read as something else
TWO = set('a i am an as at be by do go he hi if in is it me my no of oh on or so to up us we'.split())

def spelled_out(word):
    "True when espeak-ng reads `word` as an abbreviation or letter by letter"
    tr = subprocess.run(['espeak-ng', '-q', '-X', '-v', 'en-us', word], capture_output=True, text=True).stdout
    return '$abbrev' in tr or re.search(r"Found: '_?[a-z]'", tr) is not None

def ok(w):
    if not re.fullmatch(r"[a-z]+('[a-z]+)?", w): return False
    if len(w) <= 2 and w not in TWO: return False
    if not re.search('[aeiouy]', w): return False
    if w in WORDS or w in ABBREV or any(w.startswith(b) for b in STEMS): return False
    return len(w) <= 2 or not spelled_out(w)

if __name__ == '__main__':
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    words, seen = [], set()
    for w in top_n_list('en', 4 * n):
        if w not in seen and ok(w): words.append(w); seen.add(w)
        if len(words) == n: break
    out = Path(__file__).resolve().parent.parent/'mpq_nb'/'assets'/'words.txt'
    out.write_text('\n'.join(words) + '\n')
    print(f'wrote {len(words)} words to {out}')
