"""Reading is linear in the input: long runs of any separator before or after digits and labels.

Every pattern of the reader is written without nested or adjacent quantifiers over the same
characters (issue 13: a row of 40 tabs then a letter made one regex backtrack exponentially; a Markdown
rule line with long runs of spaces took quadratic time). Each case runs the whole reader and the rules
in a child process under a time limit of several seconds, far beyond what a linear read of these
inputs needs, so the test fails on runaway backtracking without measuring time.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

RUN = 10_000
SEPARATORS = {
    "tab": "\t",
    "space": " ",
    "full-width space": "\u3000",
    "no-break space": "\u00a0",
    "hyphen": "-",
    "em dash": "—",
    "pipe": "|",
    "comma": ",",
    "full-width comma": "，",
    "dot": ".",
    "colon": ":",
    "slash": "/",
    "newline": "\n",
    "tab-pipe": "\t|",
    "space-dash": " -",
    "digit-comma": "1,",
}

CHILD = textwrap.dedent(
    """
    import sys
    from gongkai.report.checking import check_read
    from gongkai.report.read import read_text

    run = sys.stdin.read()
    label = "一、本年新收政府信息公开申请数量"
    places = [
        "2023年{r}政府信息公开工作年度报告{r}x\\n",
        "一、总体情况{r}x\\n{r}主动公开{r}1{r}\\n",
        "二、主动公开政府信息情况\\n第二十条第（一）项{r}规章{r}1{r}2{r}3{r}x\\n",
        "三、收到和处理政府信息公开申请情况\\n" + label + "{r}8{r}0{r}x{r}\\n",
        "二、上年结转政府信息公开申请数量" + "\\t" * 40 + "x\\n",
        "（七）总计{r}1{r}|{r}:---{r}|{r}\\n{r}---{r}|{r}---{r}x\\n",
        "四、政府信息公开行政复议、行政诉讼情况{r}0{r}0{r}1.{r}x{r}\\n",
        "五、存在的主要问题及改进情况{r}一{r}、{r}x\\n",
        "六、其他需要报告的事项{r}#{r}*{r}<b>{r}第{r}3{r}页{r}\\n",
    ]
    text = "".join(p.replace("{r}", run) for p in places)
    for piece in (text, run + "8" + run, "8" + run + "8", label + run + "1" * 60 + run):
        check_read(read_text(piece))
    print("done")
    """
)


@pytest.mark.parametrize("name", SEPARATORS)
def test_long_separator_runs_are_read_in_bounded_time(name: str) -> None:
    run = SEPARATORS[name] * (RUN // len(SEPARATORS[name]))
    done = subprocess.run([sys.executable, "-c", CHILD], input=run, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "done"
