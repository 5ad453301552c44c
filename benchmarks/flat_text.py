#!/usr/bin/env python3
"""One-line text extractions: reading stays linear in the size of the body.

    python benchmarks/flat_text.py            # 1 MB and 10 MB one-line bodies
    python benchmarks/flat_text.py --quick    # 100 KB and 1 MB

A crawler's extraction puts the whole page on one line (headings inline, tables run together).
The body is a report whose prose is repeated to the size wanted, with tables 2, 3 and 4 run
together, plus prose that tempts the readers (numbered lists inside sentences, digit runs).
Prints the time per MB at 1× and 10× and their ratio (target: 10× input ≤ 11× time), in the
ratio style of benchmarks/run.py: read the ratio, not the seconds, on a shared machine.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from disclosure_lint import lint_bytes  # noqa: E402
from disclosure_lint.document.parse import parse_bytes  # noqa: E402

HEAD = ("标题: 平潭综合实验区2022年度政府信息公开工作年度报告\n发布时间: 2023-02-20 15:07\n"
        "==================== 正文 ====================\n")
PROSE = ("2022年，全区第{i}批共主动公开政府信息14571条，其中规范性文件88件，占0.6%。一是做好公开，二是规范流程，三是"
         "加强平台。 （一）主动公开方面 做了一、二、三项工作，编号640020{i}号文件已归档。 ")
TABLES = ("二、主动公开政府信息情况第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数 规章000行政规范性文件8855698"
          "第二十条第（五）项信息内容本年处理决定数量行政许可10690 三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织总计"
          "商业企业科研机构社会公益组织法律服务机构其他一、本年新收政府信息公开申请数量713000074二、上年结转政府信息公开申请数量"
          "1000001三、本年度办理结果（一）予以公开210000021（二）部分公开（区分处理的，只计这一情形，不计其他情形）8100009"
          "（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开00000003.危及“三安全一稳定”00000004.保护第三方合法权益"
          "00000005.属于三类内部事务信息10000016.属于四类过程性信息20000027.属于行政执法案卷10000018.属于行政查询事项0000000"
          "（四）无法提供1.本机关不掌握相关政府信息3700000372.没有现成信息需要另行制作00000003.补正后申请内容仍不明确0000000"
          "（五）不予处理1.信访举报投诉类申请00000002.重复申请00000003.要求提供公开出版物00000004.无正当理由大量反复申请0000000"
          "5.要求行政机关确认或重新出具已获取信息0000000（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
          " 20000022.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 00000003.其他0200002（七）总计"
          "723000075四、结转下年度继续办理0000000 四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果"
          "尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计"
          "011021000100000 五、存在的主要问题及改进情况 ")


def one_line(size: int) -> bytes:
    """A one-line body of about *size* bytes (UTF-8)."""
    unit = len(PROSE.format(i=100000).encode("utf-8"))
    n = max(1, (size - len(TABLES.encode("utf-8"))) // unit)
    half = n // 2
    body = "一、总体情况 " + "".join(PROSE.format(i=i) for i in range(half)) + TABLES + \
        "".join(PROSE.format(i=i) for i in range(half, n)) + " 六、其他需要报告的事项 无。"
    return (HEAD + body + "\n").encode("utf-8")


from run import median_time  # noqa: E402  (the benchmarks' one timing helper)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    base = 100_000 if args.quick else 1_000_000
    lint_bytes(one_line(20_000), path="warm.txt")  # warm imports and edition files
    rows = []
    for k in (1, 10):
        data = one_line(base * k)
        reps = args.repeats if k == 1 else max(1, args.repeats // 2)
        found = lint_bytes(data, path="flat.txt")
        read = median_time(lambda: parse_bytes(data, "flat.txt"), reps)
        full = median_time(lambda: lint_bytes(data, path="flat.txt"), reps)
        rows.append((k, len(data), read, full, len(found)))
    print(f"{'size':>6} {'bytes':>11} {'read s':>7} {'lint s':>7} {'read s/MB':>9} findings")
    for k, n, r, f, c in rows:
        print(f"{k:>5}× {n:>11,} {r:>7.2f} {f:>7.2f} {r / (n / 1e6):>9.2f} {c}")
    (_, n1, r1, f1, _), (_, n10, r10, f10, _) = rows
    scale = 10 / (n10 / n1)
    ratio, lint_ratio = r10 / r1 * scale, f10 / f1 * scale
    verdict = "ok" if ratio <= 11 else "NOT LINEAR"
    print(f"reading: 10× input took {ratio:.1f}× the time (target ≤ 11): {verdict}; "
          f"full lint: {lint_ratio:.1f}×")
    return 0 if ratio <= 11 else 1


if __name__ == "__main__":
    sys.exit(main())
