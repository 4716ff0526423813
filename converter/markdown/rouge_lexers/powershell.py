"""Rouge 3.30 lexers/powershell.rb (tag powershell; posh, microsoftshell, msshell)."""

from __future__ import annotations

from .engine import RougeLexer

ATTRIBUTES = frozenset("""
    ConfirmImpact DefaultParameterSetName HelpURI PositionalBinding
    SupportsPaging SupportsShouldProcess
""".split())

AUTO_VARS = "|".join(r"""
    \$\$ \$\? \$\^ \$_
    \$args \$ConsoleFileName \$Error \$Event \$EventArgs \$EventSubscriber
    \$ExecutionContext \$false \$foreach \$HOME \$Host \$input \$IsCoreCLR
    \$IsLinux \$IsMacOS \$IsWindows \$LastExitCode \$Matches \$MyInvocation
    \$NestedPromptLevel \$null \$PID \$PROFILE \$PSBoundParameters \$PSCmdlet
    \$PSCommandPath \$PSCulture \$PSDebugContext \$PSHOME \$PSItem
    \$PSScriptRoot \$PSSenderInfo \$PSUICulture \$PSVersionTable \$PWD
    \$REPORTERRORSHOWEXCEPTIONCLASS \$REPORTERRORSHOWINNEREXCEPTION
    \$REPORTERRORSHOWSOURCE \$REPORTERRORSHOWSTACKTRACE
    \$SENDER \$ShellId \$StackTrace \$switch \$this \$true
""".split())

KEYWORDS = "|".join("""
    assembly exit process base filter public begin finally return break for
    sequence catch foreach static class from switch command function throw
    configuration hidden trap continue if try data in type define
    inlinescript until do interface using dynamicparam module var else
    namespace while elseif parallel workflow end param enum private
""".split())

OPERATORS = "|".join(r"""
    -split -isplit -csplit -join -is -isnot -as -eq -ieq -ceq -ne -ine -cne
    -gt -igt -cgt -ge -ige -cge -lt -ilt -clt -le -ile -cle -like -ilike
    -clike -notlike -inotlike -cnotlike -match -imatch -cmatch -notmatch
    -inotmatch -cnotmatch -contains -icontains -ccontains -notcontains
    -inotcontains -cnotcontains -replace -ireplace -creplace -shl -shr -band
    -bor -bxor -and -or -xor -not \+= -= \*= \/= %=
""".split())

MULTILINE_KEYWORDS = "|".join("""
    synopsis description parameter example inputs outputs notes link
    component role functionality forwardhelptargetname forwardhelpcategory
    remotehelprunspace externalhelp
""".split())


def _groups_push(state, *tokens):
    def action(lexer, m):
        lexer.groups(*tokens)
        lexer.push(state)
    return action


def _bracket_word(lexer, m):
    lexer.token("bp" if m.group(0) in ATTRIBUTES else "n")


def _method(lexer, m):
    lexer.groups("o", "nf", "p", "w")
    if m.group(3) is not None:
        lexer.push("parameters")


class PowershellLexer(RougeLexer):
    STATES = {
        "variable": [
            (AUTO_VARS, "bp", None),
            (r"(\$)(?:(\w+)(:))?(\w+|\{(?:[^`]|`.)+?\})", lambda lx, m: lx.groups("nv", "nn", "p", "nv"), None),
            (r"\$\w+", "nv", None),
            (r"\$\{(?:[^`]|`.)+?\}", "nv", None),
        ],
        "multiline": [
            (rf"(?i:\.(?:{MULTILINE_KEYWORDS}))", "cs", None),
            (r"#>", "cm", "#pop"),
            (r"[^#.]+?", "cm", None, True),
            (r"[#.]+", "cm", None),
        ],
        "interpol": [
            (r"\)", "si", "#pop"),
            ("mixin", "root"),
        ],
        "dq": [
            (r"(?:\$#?)?\"", "s2", "#pop"),
            (r"\$\(", "si", "interpol"),
            (r"`$", "se", None),
            (r"`.", "se", None),
            (r"[^\"`$]+", "s2", None),
            ("mixin", "variable"),
        ],
        "sq": [
            (r"'", "s1", "#pop"),
            (r"[^']+", "s1", None),
        ],
        "heredoc": [
            (r"(?:\$#?)?\"@", "sh", "#pop"),
            (r"\$\(", "si", "interpol"),
            (r"`$", "se", None),
            (r"`.", "se", None),
            (r"[^\"`$]+?", "sh", None, True),
            (r"\"+", "sh", None),
            ("mixin", "variable"),
        ],
        "class": [
            (r"\{", "p", "#pop"),
            (r"\s+", "w", None),
            (r"\w+", "nc", None),
            (r"[:,]", "p", None),
        ],
        "expr": [
            ("mixin", "comments"),
            (r"\"", "s2", "dq"),
            (r"'", "s1", "sq"),
            (r"@\"", "sh", "heredoc"),
            (r"@'.*?'@", "sh", None, True),
            (r"\d*\.\d+", "mf", None),
            (r"\d+", "mi", None),
            (r"@\{", "p", "hasht"),
            (r"@\(", "p", "array"),
            (r"{", "p", "brace"),
            (r"\[", "p", "bracket"),
        ],
        "hasht": [
            (r"\}", "p", "#pop"),
            (r"=", "o", None),
            (r"[,;]", "p", None),
            ("mixin", "expr"),
            (r"\w+", "nx", None),
            ("mixin", "variable"),
        ],
        "array": [
            (r"\s+", "w", None),
            (r"\)", "p", "#pop"),
            (r"[,;]", "p", None),
            ("mixin", "expr"),
            ("mixin", "variable"),
        ],
        "brace": [
            (r"[}]", "p", "#pop"),
            ("mixin", "root"),
        ],
        "bracket": [
            (r"\]", "p", "#pop"),
            (r"[A-Za-z]\w+\.", "n", None),
            (r"([A-Za-z]\w+)", _bracket_word, None),
            ("mixin", "root"),
        ],
        "parameters": [
            (r"`.", "se", None, True),
            (r"\s*?\n", "w", "#pop"),
            (r"[;(){}\]]", "p", "#pop"),
            (r"[|=]", "o", "#pop"),
            (r"[\/\\~\w][-.:\/\\~\w]*", "nx", None),
            (r"\w[-\w]+", "nx", None),
            ("mixin", "root"),
        ],
        "comments": [
            (r"\s+", "w", None),
            (r"#.*", "c", None),
            (r"<#", "cm", "multiline"),
        ],
        "root": [
            ("mixin", "comments"),
            (r"#requires\s-version \d(?:\.\d+)?", "cp", None),
            (r"\.\.(?=\.?\d)", "o", None),
            (rf"(?i:(?:{OPERATORS})\b)", "o", None),
            (r"(?i:(class)(\s+)(\w+))", _groups_push("class", "kr", "w", "nc"), None),
            (r"(?i:(function)(\s+)(?:(\w+)(:))?(\w[-\w]+))", lambda lx, m: lx.groups("kr", "w", "nn", "p", "nf"), None),
            (rf"(?i:(?:{KEYWORDS})\b(?![-.]))", "kr", None),
            (r"-{1,2}\w+", "nt", None),
            (r"(\.)?([-\w]+)(\[)", _groups_push("bracket", "o", "n", "p"), None),
            (r"(?i:([\/\\~a-z][-.:\/\\~\w]*)(\n)?)", _groups_push("parameters", "n", "w"), None),
            (r"(\.)([-\w]+)(?:(\()|(\n))?", _method, None),
            (r"\?", "nf", "parameters"),
            ("mixin", "expr"),
            ("mixin", "variable"),
            (r"[-+*\/%=!.&|]", "o", None),
            (r"[{}(),:;]", "p", None),
        ],
    }
