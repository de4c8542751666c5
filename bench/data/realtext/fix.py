"""Apply hand corrections to a .gold file. Each line of the fixes file:
    PARA  old-token(s)  ->  new-token(s)
replaces the first run of tokens `old` (space-separated, `word=reading`) inside paragraph PARA by `new`
(which must spell the same characters)."""
import sys

from common import HERE

genre, fixes_file = sys.argv[1], sys.argv[2]
gold = HERE / f"{genre}.gold"
text = gold.read_text(encoding="utf-8").splitlines()
blocks, cur = [], None
for line in text:
    if line.startswith("@para"):
        cur = [line]
        blocks.append(cur)
    elif cur is None:
        blocks.append([line])
    else:
        cur.append(line)
paras = {int(b[0].split()[1]): b for b in blocks if b[0].startswith("@para")}
n = 0
for raw in (HERE / fixes_file).read_text(encoding="utf-8").splitlines():
    if not raw.strip() or raw.startswith("#"):
        continue
    head, _, new = raw.partition("->")
    para, old = head.strip().split(" ", 1)
    old, new = old.strip(), new.strip()
    surf = lambda s: "".join(t.split("=")[0] for t in s.split())
    if surf(old) != surf(new):
        sys.exit(f"fix {raw!r}: old and new spell different text")
    b = paras[int(para)]
    for i in range(1, len(b)):
        line = " " + b[i] + " "
        if " " + old + " " in line:
            b[i] = line.replace(" " + old + " ", " " + new + " ", 1).strip()
            n += 1
            break
    else:
        sys.exit(f"fix {raw!r}: not found in paragraph {para}")
gold.write_text("\n".join(l for b in blocks for l in b) + "\n", encoding="utf-8")
print(f"{gold.name}: {n} fixes applied")
