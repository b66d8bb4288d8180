// Page segmentation. Units from repair are classified (paragraph, caption,
// heading line, byline, debris), consecutive heading lines form title groups,
// and each title group is attached to the body before it or after it:
// whichever shares more of the title's character bigrams, with the page's
// overall layout as the tie-breaker. Bylines close an article in the
// title-after layout and are read at either end in the title-before one.
#include "huozi/segment/segment.hpp"

#include <algorithm>
#include <cstdlib>
#include <cctype>
#include <iterator>
#include <span>

#include "huozi/segment/byline.hpp"
#include "huozi/segment/sentences.hpp"
#include "huozi/text/chars.hpp"
#include "huozi/text/utf8.hpp"

namespace huozi::segment {
namespace {

using repair::RepairedUnit;
using repair::UnitShape;

enum class ItemKind { kParagraph, kCaption, kHeading, kByline, kDebris };

struct Item {
  ItemKind kind;
  const RepairedUnit* unit;
  std::optional<ParsedByline> byline;
  bool subheading = false;
  std::optional<ParsedDateline> dateline;  // a paragraph that opens with one
};

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

bool is_photo_credit(std::string_view t) {
  return ends_with(t, "摄") || ends_with(t, "攝") || ends_with(t, "摄）") || ends_with(t, "攝）") || ends_with(t, "摄)");
}

bool is_caption(std::string_view t) {
  // Every form below starts with 图, 圖, 上, 下 or （: most texts are turned
  // away on their first character, before any string comparison.
  if (t.empty()) return false;
  const char32_t first = text::decode_at(t, 0).cp;
  if (first != U'图' && first != U'圖' && first != U'上' && first != U'下' && first != U'（') return false;
  for (std::string_view p : {"图片：", "图：", "图为", "圖：", "圖為", "上图：", "下图："})
    if (starts_with(t, p)) return true;
  // （新华社记者兰红光摄） / 本报记者 X 摄
  if ((ends_with(t, "摄）") || ends_with(t, "攝）")) && starts_with(t, "（")) return true;
  return false;
}

bool is_symbol_only(std::string_view t) {
  for (std::size_t i = 0; i < t.size();) {
    auto d = text::decode_at(t, i);
    const auto f = text::char_flags(d.cp);
    if (!(f & (text::kSymbol | text::kCircledDigit | text::kSpace | text::kPunct))) return false;
    i += d.len;
  }
  return true;
}

// Org heads that make a short first heading line a kicker (the issuing unit).
bool looks_like_kicker(std::string_view t) {
  // Every head below ends with one of these characters: most lines are
  // turned away on their last one, before any string comparison.
  if (t.size() < 3) return false;
  const char32_t last = text::decode_at(t, t.size() - 3).cp;
  switch (last) {
    case U'局': case U'队': case U'所': case U'会': case U'委': case U'办': case U'院': case U'厅': case U'部':
    case U'心': case U'司': case U'团': case U'行': case U'校': case U'学': case U'道': case U'府': case U'站':
      break;
    default:
      return false;
  }
  for (std::string_view h : {"局", "分局", "支队", "大队", "中队", "派出所", "委员会", "委", "办", "院", "厅", "部", "协会",
                             "中心", "公司", "集团", "银行", "学校", "大学", "街道", "政府", "法院", "检察院", "所", "站"})
    if (ends_with(t, h)) return true;
  return false;
}

// Han bigrams of a text, for title–body matching, as packed code point pairs,
// appended to out until it holds `limit` of them: a lead needs only its first
// bigrams, and a paragraph may be long.
// Segmentation runs on valid UTF-8 (repaired from decoded text), so the fast
// decoder serves.
void bigrams(std::string_view t, std::vector<std::uint64_t>& out, std::size_t limit = SIZE_MAX) {
  const std::uint16_t* flags = text::bmp_flags();
  const std::size_t have = out.size();
  if (have >= limit) return;
  // Room for all the bigrams the text can give (one per Han character of
  // three bytes or more), so that each is written without a branch and kept
  // or not by the count: whether a character is Han is what the processor
  // cannot guess.
  const std::size_t room = std::min(limit - have, t.size() / 3);
  out.resize(have + room);
  std::uint64_t* dst = out.data() + have;
  std::size_t count = 0;
  char32_t prev = 0;
  const auto* bytes = reinterpret_cast<const unsigned char*>(t.data());
  for (std::size_t i = 0; i < t.size() && count < room;) {
    // Three-byte characters (nearly all of it) decoded here, as next_char()
    // would; the rest by next_char().
    char32_t cp;
    if (bytes[i] >= 0xE0 && bytes[i] < 0xF0 && i + 3 <= t.size()) {
      cp = static_cast<char32_t>((bytes[i] & 0x0F) << 12 | (bytes[i + 1] & 0x3F) << 6 | (bytes[i + 2] & 0x3F));
      i += 3;
    } else {
      const auto d = text::next_char(t, i);
      cp = d.cp;
      i += d.len;
    }
    const bool han = cp < 0x10000 ? (flags[cp] & text::kHan) != 0 : text::is_han(cp);
    dst[count] = (static_cast<std::uint64_t>(prev) << 32) | cp;  // kept only if prev and this are Han
    count += static_cast<std::size_t>(han && prev != 0);
    prev = han ? cp : 0;
  }
  out.resize(have + count);
}

struct Draft {
  std::vector<const Item*> headings;
  std::vector<const Item*> body;  // paragraphs, captions, subheadings
  std::vector<const Item*> bylines;
  std::vector<std::uint64_t> lead_bigrams;  // bigrams of the body's lead; filled on first use
  bool lead_done = false;

  // A title repeats words of its article's lead: the first few hundred Han
  // bigrams of the body are enough to tell which body a title belongs to.
  const std::vector<std::uint64_t>& lead() {
    constexpr std::size_t kLeadBigrams = 160;
    if (!lead_done) {
      lead_done = true;
      lead_bigrams.reserve(kLeadBigrams);
      for (const Item* it : body) {
        bigrams(it->unit->text.view(), lead_bigrams, kLeadBigrams);
        if (lead_bigrams.size() >= kLeadBigrams) break;
      }
    }
    return lead_bigrams;
  }
};

// A title group's distinct Han bigrams, sorted, and a 1024-bit filter of
// them that rejects nearly all of a lead's bigrams at once (a 64-bit one let
// a quarter through to the binary search, whose branches the processor
// cannot predict). Made once per title group, matched against the body
// before it and the one after it.
struct TitleBigrams {
  std::vector<std::uint64_t> sorted;
  std::uint64_t filter[1024 / 64] = {};
  std::vector<char> hit;  // scratch for overlap(): which of them a lead has

  static unsigned slot(std::uint64_t g) { return static_cast<unsigned>((g * 0x9E3779B97F4A7C15ULL) >> 54); }
  bool may_have(std::uint64_t g) const { return (filter[slot(g) >> 6] >> (slot(g) & 63)) & 1; }

  void assign(std::string_view title) {
    sorted.clear();
    sorted.reserve(title.size() / 3);
    bigrams(title, sorted);
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    std::fill(std::begin(filter), std::end(filter), 0);
    for (auto g : sorted) filter[slot(g) >> 6] |= std::uint64_t{1} << (slot(g) & 63);
  }
};

// Share of the title's distinct bigrams that occur in the body's lead.
double overlap(TitleBigrams& title, Draft& body) {
  const std::vector<std::uint64_t>& tb = title.sorted;
  if (tb.empty()) return 0;
  title.hit.assign(tb.size(), 0);
  for (auto g : body.lead()) {
    if (!title.may_have(g)) continue;
    auto at = std::lower_bound(tb.begin(), tb.end(), g);
    if (at != tb.end() && *at == g) title.hit[static_cast<std::size_t>(at - tb.begin())] = 1;
  }
  std::size_t hits = 0;
  for (char h : title.hit) hits += static_cast<std::size_t>(h);
  return static_cast<double>(hits) / static_cast<double>(tb.size());
}

void extend(Span& s, Span t) {
  if (t.empty() && t.start == 0) return;
  if (s.empty() && s.start == 0 && s.end == 0) { s = t; return; }
  s.start = std::min(s.start, t.start);
  s.end = std::max(s.end, t.end);
}

SpannedText join_heading_lines(const std::vector<const Item*>& lines) {
  SpannedText out;
  for (const Item* it : lines) {
    if (!out.text.empty()) out.text += ' ';
    out.text += it->unit->text.text();
    extend(out.span, it->unit->span);
  }
  return out;
}

Article build_article(const Draft& d, const SegmentOptions& options, std::vector<const RepairedUnit*>& units) {
  Article a;
  a.blocks.reserve(d.body.size());
  units.reserve(d.headings.size() + d.body.size());
  for (const Item* it : d.headings) units.push_back(it->unit);
  for (const Item* it : d.body) units.push_back(it->unit);
  // Heading group: [kicker] title… [subtitle].
  std::vector<const Item*> title_lines, subtitle_lines;
  std::size_t k = 0;
  if (d.headings.size() >= 2 && looks_like_kicker(d.headings[0]->unit->text.view())) {
    a.kicker = SpannedText{d.headings[0]->unit->text.text(), d.headings[0]->unit->span};
    k = 1;
  }
  for (; k < d.headings.size(); ++k) {
    std::string_view t = d.headings[k]->unit->text.view();
    if (starts_with(t, "——") || starts_with(t, "—") || starts_with(t, "──") || !subtitle_lines.empty())
      subtitle_lines.push_back(d.headings[k]);
    else
      title_lines.push_back(d.headings[k]);
  }
  if (!title_lines.empty()) a.title = join_heading_lines(title_lines);
  if (!subtitle_lines.empty()) a.subtitle = join_heading_lines(subtitle_lines);
  for (const Item* it : d.body) {
    Block b;
    b.kind = it->subheading ? BlockKind::kSubheading
                            : (it->kind == ItemKind::kCaption ? BlockKind::kCaption : BlockKind::kParagraph);
    b.text = it->unit->text.text();
    b.span = it->unit->span;
    if (it->dateline && it->dateline->end < b.text.size()) {
      // The dateline leaves the paragraph: a credit as printed, its reporters
      // as authors, the rest is the paragraph.
      const auto& m = it->unit->text;
      const std::size_t cut = it->dateline->end;
      std::size_t rest = cut;
      while (rest < b.text.size() && b.text[rest] == ' ') ++rest;
      a.credits.push_back({Credit::Kind::kDateline, b.text.substr(0, cut), m.source_span(0, cut)});
      for (const BylineName& n : it->dateline->names) a.authors.push_back({n.role, n.name, m.source_span(n.begin, n.end)});
      b.span = m.source_span(rest, b.text.size());
      b.text = b.text.substr(rest);
    }
    if (b.kind == BlockKind::kParagraph && b.text.ends_with("）")) {
      // （记者 吴十） closing the paragraph: a byline, not paragraph text.
      const std::size_t open = b.text.rfind("（");
      if (open != std::string::npos && open > 0 && b.text.size() - open <= 60) {
        if (auto by = parse_byline(std::string_view(b.text).substr(open))) {
          const auto& m = it->unit->text;
          const std::size_t base = m.size() - b.text.size();  // b.text may have lost a dateline in front
          a.credits.push_back({Credit::Kind::kByline, b.text.substr(open), m.source_span(base + open, m.size())});
          for (const BylineName& n : by->names)
            a.authors.push_back({n.role, n.name, m.source_span(base + open + n.begin, base + open + n.end)});
          b.span = m.source_span(base, base + open);
          b.text.resize(open);
        }
      }
    }
    if (it->kind == ItemKind::kCaption && it->byline) {
      const auto& m = it->unit->text;
      for (const BylineName& n : it->byline->names) a.authors.push_back({n.role, n.name, m.source_span(n.begin, n.end)});
    }
    if (options.sentences && b.kind != BlockKind::kSubheading)
      b.sentences = detail::use_reference_paths ? reference::split_sentences(b.text) : split_sentences(b.text);
    a.blocks.push_back(std::move(b));
  }
  for (const Item* it : d.bylines) {
    const auto& m = it->unit->text;
    a.credits.push_back({it->dateline ? Credit::Kind::kDateline : Credit::Kind::kByline, m.text(), it->unit->span});
    for (const BylineName& n : it->byline->names) a.authors.push_back({n.role, n.name, m.source_span(n.begin, n.end)});
  }
  if (a.kicker) extend(a.span, a.kicker->span);
  if (a.title) extend(a.span, a.title->span);
  if (a.subtitle) extend(a.span, a.subtitle->span);
  for (const Block& b : a.blocks) extend(a.span, b.span);
  for (const Credit& c : a.credits) extend(a.span, c.span);
  return a;
}

// Jump lines also become fields, so that pages can be stitched: （下转第2版）
// continues the article printed before it, （上接第1版） the one after it.
// The value is the page label (第2版 → "2", A3版 → "A3").
void attach_jumps(Page& page) {
  // With article starts in order (the usual case), the target is found by
  // binary search: scanning every article for every jump is quadratic on a
  // page of many short articles and jumps.
  const bool starts_sorted = std::is_sorted(page.articles.begin(), page.articles.end(),
                                            [](const Article& a, const Article& b) { return a.span.start < b.span.start; });
  for (const Debris& d : page.debris) {
    if (d.reason != "jump" || page.articles.empty()) continue;
    const bool continues_elsewhere = d.text.find("转") != std::string::npos || d.text.find("轉") != std::string::npos;
    Article* target = nullptr;
    if (starts_sorted) {
      if (continues_elsewhere) {  // the last article starting at or before the jump
        auto it = std::upper_bound(page.articles.begin(), page.articles.end(), d.span.start,
                                   [](std::uint32_t x, const Article& a) { return x < a.span.start; });
        target = it == page.articles.begin() ? &page.articles.front() : &*std::prev(it);
      } else {  // the first article starting at or after its end
        auto it = std::lower_bound(page.articles.begin(), page.articles.end(), d.span.end,
                                   [](const Article& a, std::uint32_t x) { return a.span.start < x; });
        target = it == page.articles.end() ? &page.articles.back() : &*it;
      }
    } else if (continues_elsewhere) {
      for (Article& a : page.articles) if (a.span.start <= d.span.start) target = &a;
      if (!target) target = &page.articles.front();
    } else {
      for (Article& a : page.articles) if (a.span.start >= d.span.end) { target = &a; break; }
      if (!target) target = &page.articles.back();
    }
    std::string label;
    std::size_t at = d.text.find("第");
    std::size_t from = at == std::string::npos ? 0 : at + 3;
    for (std::size_t i = from; i < d.text.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(d.text[i]);
      if (std::isalnum(c)) label += static_cast<char>(c);
      else if (!label.empty()) break;
    }
    Field f;
    f.type = FieldType::kJump;
    f.text = d.text;
    f.value = FieldValue::of((continues_elsewhere ? "to:" : "from:") + label);
    f.span = d.span;
    target->fields.push_back(std::move(f));
  }
}

}  // namespace

// Body item b starts another column than body item a: repair put a block
// break before it and the column widths differ by more than a justified
// line varies.
bool new_column(const Item& a, const Item& b) {
  if (b.unit->break_before != repair::BreakKind::kBlock) return false;
  if (a.kind != ItemKind::kParagraph || b.kind != ItemKind::kParagraph) return false;
  if (a.unit->shape != UnitShape::kBody || b.unit->shape != UnitShape::kBody) return false;
  const int wa = a.unit->column_width, wb = b.unit->column_width;
  return std::abs(wa - wb) > std::max(4, std::max(wa, wb) / 10);
}

namespace detail {
thread_local bool use_reference_paths = false;
}

ArticleUnits segment_page(const repair::RepairResult& repaired, Page& page, const SegmentOptions& options) {
  // 1. Classify units.
  std::vector<Item> items;
  items.reserve(repaired.units.size());
  for (std::size_t k = 0; k < repaired.units.size(); ++k) {
    const RepairedUnit& u = repaired.units[k];
    // Each unit's text is a heap block of its own, read here for the first
    // time: ask for the text of a unit a few ahead now, so that it is in the
    // cache when its turn comes instead of a memory wait per unit.
    constexpr std::size_t kPrefetchAhead = 4;
    if (k + kPrefetchAhead < repaired.units.size()) {
      const std::string& ahead = repaired.units[k + kPrefetchAhead].text.text();
      for (std::size_t at = 0; at < ahead.size() && at < 256; at += 64) __builtin_prefetch(ahead.data() + at);
    }
    Item it{ItemKind::kParagraph, &u, std::nullopt, false, std::nullopt};
    std::string_view t = u.text.view();
    if (u.shape == UnitShape::kLabel || u.shape == UnitShape::kFurniture || u.shape == UnitShape::kJump ||
        (u.shape != UnitShape::kBody && is_symbol_only(t))) {
      it.kind = ItemKind::kDebris;
    } else if (u.shape == UnitShape::kShortLine || u.shape == UnitShape::kTail) {
      if (auto dl = parse_dateline(t); dl && dl->end == t.size() && !t.empty()) {
        // 【本報訊】 alone: a dateline that opens the article after it.
        it.kind = ItemKind::kByline;
        it.byline = ParsedByline{dl->names, 0};
        it.dateline = dl;
      } else if ((it.byline = parse_byline(t))) {
        // A photo credit on its own (本报记者 王五 摄, （新华社记者兰红光摄）) is
        // a caption; its photographers are still authors.
        it.kind = is_photo_credit(t) ? ItemKind::kCaption : ItemKind::kByline;
      }
      else it.kind = u.shape == UnitShape::kShortLine ? ItemKind::kHeading : ItemKind::kParagraph;
    } else if (is_caption(t)) {
      it.kind = ItemKind::kCaption;
    } else if (u.shape == UnitShape::kBody) {
      it.dateline = parse_dateline(t);
    }
    items.push_back(std::move(it));
  }
  // Debris units go to the page as printed (a doubled label `①①` whole);
  // repair's removals elsewhere are listed one by one.
  std::vector<Span> debris_spans;
  for (const Item& it : items) {
    if (it.kind != ItemKind::kDebris) continue;
    const Span sp = it.unit->span;
    const char* reason = it.unit->shape == UnitShape::kFurniture ? "page_furniture"
                         : it.unit->shape == UnitShape::kJump    ? "jump"
                                                                 : "photo_label";
    page.debris.push_back({page.text.substr(sp.start, sp.end - sp.start), sp, reason});
    debris_spans.push_back(sp);
  }
  // Debris spans come in page order and do not overlap: the one that can
  // hold a removal is the last that starts at or before it (binary search;
  // scanning all of them for every removal is quadratic on a page of labels).
  bool debris_sorted = true;
  for (std::size_t k = 1; k < debris_spans.size() && debris_sorted; ++k)
    debris_sorted = debris_spans[k - 1].end <= debris_spans[k].start;
  for (const repair::Removal& r : repaired.removals) {
    bool inside;
    if (debris_sorted) {
      auto it = std::upper_bound(debris_spans.begin(), debris_spans.end(), r.span.start,
                                 [](std::uint32_t x, Span d) { return x < d.start; });
      inside = it != debris_spans.begin() && r.span.start >= std::prev(it)->start && r.span.end <= std::prev(it)->end;
    } else {
      inside = std::any_of(debris_spans.begin(), debris_spans.end(), [&](Span d) {
        return r.span.start >= d.start && r.span.end <= d.end;
      });
    }
    if (!inside) page.debris.push_back({r.text, r.span, r.reason});
  }

  // 2. Structure: drop debris, mark single heading lines between paragraphs
  // as subheadings, collect title groups.
  std::vector<Item*> seq;
  seq.reserve(items.size());
  for (Item& it : items) if (it.kind != ItemKind::kDebris) seq.push_back(&it);
  auto is_body = [](const Item* it) { return it->kind == ItemKind::kParagraph || it->kind == ItemKind::kCaption; };
  for (std::size_t i = 1; i + 1 < seq.size(); ++i) {
    // A subheading sits between two paragraphs of the same article, and so of
    // the same column width; a title between two articles usually changes it.
    const int before = seq[i - 1]->unit->column_width, after = seq[i + 1]->unit->column_width;
    const bool same_column = std::abs(before - after) <= 2;
    if (seq[i]->kind == ItemKind::kHeading && is_body(seq[i - 1]) && is_body(seq[i + 1]) && same_column &&
        !looks_like_kicker(seq[i]->unit->text.view()))
      seq[i]->subheading = true;
  }
  // Segments: title groups (H) and the runs between them (R).
  // A segment's items are consecutive in seq: each one is a view of it.
  struct Segment { bool title; std::span<Item* const> items; };
  std::vector<Segment> segs;
  for (std::size_t i = 0; i < seq.size(); ++i) {
    const bool h = seq[i]->kind == ItemKind::kHeading && !seq[i]->subheading;
    if (segs.empty() || segs.back().title != h) segs.push_back({h, std::span<Item* const>(seq.data() + i, 0)});
    segs.back().items = std::span<Item* const>(segs.back().items.data(), segs.back().items.size() + 1);
  }

  // 3. Split each run into article bodies at bylines: in a run, a byline
  // followed by more body text ends an article.
  struct Run { std::vector<Draft> drafts; };
  std::vector<std::size_t> seg_run(segs.size(), SIZE_MAX);
  std::vector<Run> runs;
  for (std::size_t s = 0; s < segs.size(); ++s) {
    if (segs[s].title) continue;
    Run r;
    r.drafts.emplace_back();
    // more_body[i]: an item that is not a byline comes after item i (one
    // backward pass; looking ahead from every byline is quadratic on a run of
    // bylines).
    const std::size_t n_items = segs[s].items.size();
    std::vector<char> more_body_after(n_items + 1, 0);
    for (std::size_t i = n_items; i-- > 0;)
      more_body_after[i] = more_body_after[i + 1] ||
                           (i + 1 < n_items && segs[s].items[i + 1]->kind != ItemKind::kByline);
    for (std::size_t i = 0; i < n_items; ++i) {
      const Item* it = segs[s].items[i];
      Draft& cur = r.drafts.back();
      if (it->kind == ItemKind::kByline && it->dateline) {
        if (!cur.body.empty()) r.drafts.emplace_back();
        r.drafts.back().bylines.push_back(it);
      } else if (it->kind == ItemKind::kByline) {
        cur.bylines.push_back(it);
        // Close the article if body text follows and this article has body.
        const bool more_body = more_body_after[i];
        if (more_body && !cur.body.empty()) r.drafts.emplace_back();
      } else {
        // A dateline opens an article: the text before it belongs to another.
        if (it->dateline && !cur.body.empty()) r.drafts.emplace_back();
        // So does body text set in another column width than the paragraph
        // before it, when repair broke the two apart as blocks (an article
        // without a title, printed right after the one before it).
        else if (!cur.body.empty() && new_column(*cur.body.back(), *it)) r.drafts.emplace_back();
        std::vector<const Item*>& body = r.drafts.back().body;
        if (body.empty()) body.reserve(8);  // one allocation for most articles' bodies, not four
        body.push_back(it);
      }
    }
    seg_run[s] = runs.size();
    runs.push_back(std::move(r));
  }

  // 4. Attach each title group to the article just before or just after it.
  //    Page prior: a page that starts with a title group reads title-first,
  //    one that ends with one reads title-after; otherwise the bigram vote.
  int prior = 0;  // +1 title-after, -1 title-before
  if (!segs.empty() && segs.front().title) prior -= 2;
  if (!segs.empty() && segs.back().title) prior += 2;
  // score_of(s): how much more title group s shares with the body before it
  // than with the body after it. Made when first asked for: every group's
  // when the page's layout is left to the vote, otherwise only for the
  // groups with a body on both sides (below). The bodies' texts do not
  // change meanwhile (only titles are attached), so the scores are the same
  // whenever they are made; the neighbours of a title group are never title
  // groups (segments alternate), so their runs are there from the start.
  std::vector<double> score(segs.size(), 0);
  std::vector<char> scored(segs.size(), 0);
  std::string title;  // one buffer for every title group
  TitleBigrams title_bigrams;
  auto score_of = [&](std::size_t s) {
    if (scored[s]) return score[s];
    scored[s] = 1;
    const bool body_before = s > 0 && seg_run[s - 1] != SIZE_MAX;
    const bool body_after = s + 1 < segs.size() && seg_run[s + 1] != SIZE_MAX;
    double before = 0, after = 0;
    if (body_before || body_after) {
      title.clear();
      for (const Item* it : segs[s].items) title += it->unit->text.text();
      title_bigrams.assign(title);
    }
    if (body_before) before = overlap(title_bigrams, runs[seg_run[s - 1]].drafts.back());
    if (body_after) after = overlap(title_bigrams, runs[seg_run[s + 1]].drafts.front());
    score[s] = before - after;
    return score[s];
  };
  double vote = 0;
  if (prior == 0 || detail::use_reference_paths)
    for (std::size_t s = 0; s < segs.size(); ++s)
      if (segs[s].title) vote += score_of(s);
  const bool page_title_after = prior != 0 ? prior > 0 : vote > 0;

  std::vector<Draft*> order;  // articles in reading order
  for (std::size_t s = 0; s < segs.size(); ++s) {
    if (!segs[s].title) continue;
    bool attach_before;
    const bool has_before = s > 0 && !runs[seg_run[s - 1]].drafts.back().headings.size() &&
                            !runs[seg_run[s - 1]].drafts.back().body.empty();
    const bool has_after = s + 1 < segs.size() && !segs[s + 1].title;
    // A byline right under the title opens the article after it.
    const bool byline_follows = has_after && segs[s + 1].items.front()->kind == ItemKind::kByline &&
                                segs[s + 1].items.size() > 1;
    if (!has_before) attach_before = false;
    else if (!has_after) attach_before = true;
    else if (byline_follows && score_of(s) < 0.5) attach_before = false;
    else if (score_of(s) > 0.2) attach_before = true;
    else if (score_of(s) < -0.2) attach_before = false;
    else attach_before = page_title_after;
    if (attach_before) {
      auto& hs = runs[seg_run[s - 1]].drafts.back().headings;
      hs.insert(hs.end(), segs[s].items.begin(), segs[s].items.end());
    } else if (has_after) {
      auto& hs = runs[seg_run[s + 1]].drafts.front().headings;
      hs.insert(hs.end(), segs[s].items.begin(), segs[s].items.end());
    } else {
      // A title group with no body anywhere: an article of its own.
      Run r;
      r.drafts.emplace_back();
      r.drafts.back().headings.assign(segs[s].items.begin(), segs[s].items.end());
      seg_run[s] = runs.size();
      runs.push_back(std::move(r));
    }
  }
  // Reading order: by first source offset of each draft. The articles stay
  // where they are built; a permutation of them is sorted (stably, as the
  // articles themselves were) and they are moved out once, in its order.
  std::size_t drafts = 0;
  for (const Run& r : runs) drafts += r.drafts.size();
  std::vector<std::pair<Article, std::vector<const RepairedUnit*>>> articles;
  articles.reserve(drafts);
  for (Run& r : runs) {
    for (Draft& d : r.drafts) {
      if (d.headings.empty() && d.body.empty() && d.bylines.empty()) continue;
      std::vector<const RepairedUnit*> units;
      Article a = build_article(d, options, units);
      articles.emplace_back(std::move(a), std::move(units));
    }
  }
  std::vector<std::size_t> reading_order(articles.size());
  for (std::size_t i = 0; i < reading_order.size(); ++i) reading_order[i] = i;
  std::stable_sort(reading_order.begin(), reading_order.end(), [&](std::size_t x, std::size_t y) {
    return articles[x].first.span.start < articles[y].first.span.start;
  });
  ArticleUnits article_units;
  article_units.reserve(articles.size());
  page.articles.reserve(page.articles.size() + articles.size());
  for (std::size_t i : reading_order) {
    auto& [a, units] = articles[i];
    a.index = static_cast<int>(page.articles.size());
    page.articles.push_back(std::move(a));
    article_units.push_back(std::move(units));
  }
  auto debris_before = [](const Debris& x, const Debris& y) { return x.span.start < y.span.start; };
  if (!std::is_sorted(page.debris.begin(), page.debris.end(), debris_before))  // usually in order already
    std::stable_sort(page.debris.begin(), page.debris.end(), debris_before);
  attach_jumps(page);
  return article_units;
}

}  // namespace huozi::segment
