"""Write mpq_nb/assets/words.txt, the vocabulary of the synthetic corpus: the most frequent English words
(wordfreq's `top_n_list`) that are plain lower-case words espeak-ng reads as words, not letter by letter,
minus profanity and slurs, and minus every word that the ear cannot tell from the words before it: a homophone
of a more frequent word ('two' after 'to', 'write' after 'right') or a word that sounds like two kept words said
in a row ('also' ~ 'al so'), in espeak-ng's US or British phonemes, stress ignored. The corpus strings random words
together, so no context can settle such a choice: each would be an error no model can avoid.
A developer's tool (needs `wordfreq` and `espeak-ng`); the package only reads the file.
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
VOICES = ('en-us', 'en')   # the phonemes of both must differ

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

def phonemes(words, voice):
    "espeak-ng's phonemes of each word, stress marks and pauses dropped"
    out = subprocess.run(['espeak-ng', '-q', '-x', '-v', voice], input=''.join(w + '.\n' for w in words),
                         capture_output=True, text=True).stdout.splitlines()
    assert len(out) == len(words), 'espeak-ng gave one line per word'
    return [re.sub(r"[',%=_:]", '', p.strip()) for p in out]

def distinct(words):
    "`words` in order, without those that sound like a kept word or like two kept words in a row"
    P = {v: dict(zip(words, phonemes(words, v))) for v in VOICES}
    keep, sounds = [], {v: {} for v in VOICES}
    for w in words:
        clash = False
        for v in VOICES:
            p, S = P[v][w], sounds[v]
            if p in S or any(p[:i] in S and p[i:] in S for i in range(1, len(p))): clash = True; break
            S2 = {**S, p: w}   # a kept word that is w followed by a kept word, or the other way round
            if any(q.startswith(p) and q[len(p):] in S2 or q.endswith(p) and q[:-len(p)] in S2 for q in S if q != p):
                clash = True; break
        if clash: continue
        keep.append(w)
        for v in VOICES: sounds[v][P[v][w]] = w
    return keep

if __name__ == '__main__':
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    cands, seen = [], set()
    for w in top_n_list('en', 6 * n):
        if w not in seen and ok(w): cands.append(w); seen.add(w)
        if len(cands) == 2 * n: break
    words = distinct(cands)[:n]
    out = Path(__file__).resolve().parent.parent/'mpq_nb'/'assets'/'words.txt'
    out.write_text('\n'.join(words) + '\n')
    print(f'wrote {len(words)} words to {out}')
