"""Rouge 3.30 lexers/shell.rb (tag shell; bash, zsh, ksh, sh)."""

from __future__ import annotations

from .engine import RougeLexer

KEYWORDS = "if fi else while do done for then return function select continue until esac elif in".split()
BUILTINS = """
alias bg bind break builtin caller cd command compgen
complete declare dirs disown enable eval exec exit
export false fc fg getopts hash help history jobs let
local logout mapfile popd pushd pwd read readonly set
shift shopt source suspend test time times trap true type
typeset ulimit umask unalias unset wait
cat tac nl od base32 base64 fmt pr fold head tail split csplit
wc sum cksum b2sum md5sum sha1sum sha224sum sha256sum sha384sum
sha512sum sort shuf uniq comm ptx tsort cut paste join tr expand
unexpand ls dir vdir dircolors cp dd install mv rm shred link ln
mkdir mkfifo mknod readlink rmdir unlink chown chgrp chmod touch
df du stat sync truncate echo printf yes expr tee basename dirname
pathchk mktemp realpath pwd stty printenv tty id logname whoami
groups users who date arch nproc uname hostname hostid uptime chcon
runcon chroot env nice nohup stdbuf timeout kill sleep factor numfmt
seq tar grep sudo awk sed gzip gunzip
""".split()


def _heredoc_start(lexer, m):
    lexer.groups("o", "", "sh", "sh", "no", "sh")
    lexer.heredocstr = m.group(5)
    lexer.push("heredoc")


def _heredoc_line(lexer, m):
    if m.group(1) == getattr(lexer, "heredocstr", None):
        lexer.token("no")
        lexer.pop(2)
    else:
        lexer.token("sh")


class ShellLexer(RougeLexer):
    STATES = {
        "basic": [
            (r"#.*$", "c", None),
            (rf"\b({'|'.join(KEYWORDS)})\s*\b", "k", None),
            (r"\bcase\b", "k", "case"),
            (rf"\b({'|'.join(BUILTINS)})\s*\b(?!(\.|-))", "nb", None),
            (r"[.](?=\s)", "nb", None),
            (r"(\b\w+)(=)", lambda lx, m: lx.groups("nv", "o"), None),
            (r"[\[\]{}()!=>]", "o", None),
            (r"&&|\|\|", "o", None),
            (r"<<<", "o", None),
            (r"(<<-?)(\s*)(['\"]?)(\\?)(\w+)(\3)", _heredoc_start, None),
        ],
        "heredoc": [
            (r"\n", "sh", "heredoc_nl"),
            (r"[^$\n\\]+", "sh", None),
            ("mixin", "interp"),
            (r"[$]", "sh", None),
        ],
        "heredoc_nl": [
            (r"\s*(\w+)\s*\n", _heredoc_line, None),
            (r"", lambda lx, m: lx.pop(), None),
        ],
        "double_quotes": [
            (r"(?:\$#?)?\"", "s2", "#pop"),
            ("mixin", "interp"),
            (r"[^\"`\\$]+", "s2", None),
        ],
        "ansi_string": [
            (r"\\.", "se", None),
            (r"[^\\']+", "s1", None),
            ("mixin", "single_quotes"),
        ],
        "single_quotes": [
            (r"'", "s1", "#pop"),
            (r"[^']+", "s1", None),
        ],
        "data": [
            (r"\s+", "", None),
            (r"\\.", "se", None),
            (r"\$?\"", "s2", "double_quotes"),
            (r"\$'", "s1", "ansi_string"),
            (r"'", "s1", "single_quotes"),
            (r"\*", "k", None),
            (r";", "p", None),
            (r"--?[\w-]+", "nt", None),
            (r"[^=\*\s{}()$\"'`;\\<]+", "", None),
            (r"\d+(?= |\Z)", "m", None),
            (r"<", "", None),
            ("mixin", "interp"),
        ],
        "curly": [
            (r"}", "k", "#pop"),
            (r":-", "k", None),
            (r"[a-zA-Z0-9_]+", "nv", None),
            (r"[^}:\"`'$]+", "p", None),
            ("mixin", "root"),
        ],
        "paren_interp": [
            (r"\)", "si", "#pop"),
            (r"\(", "o", "paren_inner"),
            ("mixin", "root"),
        ],
        "paren_inner": [
            (r"\(", "o", "#push"),
            (r"\)", "o", "#pop"),
            ("mixin", "root"),
        ],
        "math": [
            (r"\)\)", "k", "#pop"),
            (r"[-+*/%^|&!]|\*\*|\|\|", "o", None),
            (r"\d+(#\w+)?", "m", None),
            ("mixin", "root"),
        ],
        "case": [
            (r"\besac\b", "k", "#pop"),
            (r"\|", "p", None),
            (r"\)", "p", "case_stanza"),
            ("mixin", "root"),
        ],
        "case_stanza": [
            (r";;", "p", "#pop"),
            ("mixin", "root"),
        ],
        "backticks": [
            (r"`", "sb", "#pop"),
            ("mixin", "root"),
        ],
        "interp": [
            (r"\\$", "se", None),
            (r"\\.", "se", None),
            (r"\$\(\(", "k", "math"),
            (r"\$\(", "si", "paren_interp"),
            (r"\${#?", "k", "curly"),
            (r"`", "sb", "backticks"),
            (r"\$#?(\w+|.)", "nv", None),
            (r"\$[*@]", "nv", None),
        ],
        "root": [
            ("mixin", "basic"),
            ("mixin", "data"),
        ],
    }
