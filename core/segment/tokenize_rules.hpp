// Private to the tokenizer: the scan that both modes share. It walks the text
// once, skips white space, emits the tokens the newspaper rules decide on
// their own (numbers with their units, Latin words, punctuation, symbols) and
// feeds every maximal run of Han (and kana) to the mode's engine, character
// by character: ICU's word break or the dictionary DAG. Runs start and end on
// character boundaries and the engines only break between the characters
// they were fed, so a token boundary never falls inside a UTF-8 sequence.
//
// The scan is a template over the engine so that the per-character calls
// inline: each character is decoded once, here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "huozi/model.hpp"
#include "huozi/text/chars.hpp"
#include "huozi/text/utf8.hpp"

namespace huozi::segment::rules {

// What a character is to the tokenizer.
enum class CharKind : std::uint8_t {
  kSpace,   // white space and format characters: never a token
  kHan,     // Han ideographs and kana: segmented by the engine
  kDigit,   // ASCII and full-width digits
  kLetter,  // letters of alphabetic scripts (Latin, Greek, Cyrillic, Hangul…)
  kMark,    // combining marks: stay with the character before them
  kOther,   // punctuation, symbols, controls: a token each (with a few runs)
};

// From ICU's properties (and chars.hpp); the scan asks the table below.
CharKind char_kind(char32_t c) noexcept;

// One byte per BMP character, built once: the kind in the low bits, and
// whether it is a Chinese numeral as dates and counts use them:
// 〇○零一二三四五六七八九十百千万亿两.
inline constexpr std::uint8_t kKindMask = 0x07;
inline constexpr std::uint8_t kNumeralBit = 0x08;
const std::uint8_t* build_bmp_info() noexcept;
std::uint8_t astral_info(char32_t c) noexcept;

inline std::uint8_t char_info(char32_t c) noexcept {
  static const std::uint8_t* const table = build_bmp_info();
  return c < 0x10000 ? table[c] : astral_info(c);
}
inline CharKind char_kind_fast(char32_t c) noexcept { return static_cast<CharKind>(char_info(c) & kKindMask); }
inline bool is_chinese_numeral(char32_t c) noexcept { return (char_info(c) & kNumeralBit) != 0; }

inline constexpr char32_t kWhiteCircle = 0x25CB;  // ○, set for zero in 二○○一年

// The value of a run of Chinese numerals read as a number ("三十一" = 31,
// "十二" = 12, "二○○一" = 2001 digit by digit), or -1 when it is not a
// plain number below 10000.
int chinese_numeral_value(std::u32string_view run) noexcept;
// Whether a run of Chinese numerals followed by `unit` (年/月/日/号) is a
// calendar word as PKU writes it (二○○一年, 十二月, 三十一日), not a count
// (三年 = three years).
bool is_calendar_numeral(std::u32string_view run, char32_t unit) noexcept;

// One decoded character ahead.
struct Peek {
  char32_t cp = 0;  // 0 at the end of the text
  std::uint32_t len = 0;
  CharKind kind = CharKind::kSpace;
  bool numeral = false;  // a Chinese numeral
};

inline Peek peek(std::string_view s, std::size_t i) noexcept {
  if (i >= s.size()) return {};
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return {b, 1, char_kind_fast(b), false};
  const auto d = text::decode_at(s, i);
  // An invalid byte is a character of its own (U+FFFD, one byte), a symbol.
  if (!d.valid) return {d.cp, d.len, CharKind::kOther, false};
  const std::uint8_t info = char_info(d.cp);
  return {d.cp, d.len, static_cast<CharKind>(info & kKindMask), (info & kNumeralBit) != 0};
}

inline bool is_alnum_kind(CharKind k) noexcept { return k == CharKind::kDigit || k == CharKind::kLetter; }

// The rules, in tokenize.cpp.
bool is_number_joiner(char32_t c) noexcept;
bool is_word_joiner(char32_t c) noexcept;
bool is_sign(char32_t c) noexcept;
bool sign_can_start_number(std::string_view s, std::size_t i) noexcept;
bool is_run_punct(char32_t c) noexcept;
std::size_t unit_suffix_end(std::string_view s, std::size_t at, int digits, bool integer) noexcept;

// What the scan needs from an engine (static dispatch):
//   e.han_char(peek, at)    a character of the current Han run, at byte `at`
//   e.end_run(s, end, out)  the run ends at byte `end`; its tokens go to out
//                           now or, in order, at a later end_run or finish
//   e.finish(s, out)        the text is done
template <typename Engine>
concept HanEngine = requires(Engine& e, const Peek& p, std::string_view s, std::size_t i, std::vector<Span>& out) {
  e.han_char(p, i);
  e.end_run(s, i, out);
  e.finish(s, out);
};

// Appends the tokens of `s` to `out`. `s` must be shorter than 4 GiB (the
// callers check).
template <HanEngine Engine>
void scan(std::string_view s, Engine& engine, std::vector<Span>& out) {
  const std::size_t n = s.size();
  auto emit = [&](std::size_t b, std::size_t e) {
    // Combining marks stay with the character before them.
    for (Peek p = peek(s, e); p.kind == CharKind::kMark; p = peek(s, e)) e += p.len;
    out.push_back({static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)});
    return e;
  };
  // A Latin (or other alphabetic) word from `j` on: letters, digits, marks,
  // and joiners between two of them.
  auto word_end = [&](std::size_t j) {
    while (j < n) {
      const Peek p = peek(s, j);
      if (is_alnum_kind(p.kind) || p.kind == CharKind::kMark) {
        j += p.len;
      } else if (is_word_joiner(p.cp) && is_alnum_kind(peek(s, j + p.len).kind)) {
        j += p.len;
      } else {
        break;
      }
    }
    return j;
  };
  // A number from `j` (its first digit) on, with its unit; `b` is where the
  // token starts (at a sign, or at j).
  auto number = [&](std::size_t b, std::size_t j) {
    int digits = 0;
    bool integer = true;
    while (j < n) {
      const Peek p = peek(s, j);
      if (p.kind == CharKind::kDigit) {
        ++digits;
        j += p.len;
      } else if (is_number_joiner(p.cp) && peek(s, j + p.len).kind == CharKind::kDigit) {
        integer = false;
        j += p.len;
      } else if (p.kind == CharKind::kLetter) {
        return emit(b, word_end(j));  // 1600F, 3D, 5G: an alphanumeric word
      } else {
        break;
      }
    }
    return emit(b, unit_suffix_end(s, j, digits, integer));
  };
  // Whether ○ at i is a zero among Chinese numerals (二○○一) rather than a
  // bullet or a symbol.
  auto circle_is_numeral = [&](std::size_t i, std::size_t len) {
    if (i > 0 && is_chinese_numeral(text::decode_before(s, i).cp)) return true;
    return is_chinese_numeral(peek(s, i + len).cp);
  };
  // Feeds the Han run starting at j to the engine; returns its end.
  auto han_run = [&](std::size_t j) {
    while (j < n) {
      const Peek p = peek(s, j);
      if (p.kind == CharKind::kHan || p.kind == CharKind::kMark ||
          (p.cp == kWhiteCircle && circle_is_numeral(j, p.len))) {
        engine.han_char(p, j);
        j += p.len;
      } else {
        break;
      }
    }
    engine.end_run(s, j, out);
    return j;
  };

  std::size_t i = 0;
  while (i < n) {
    const Peek p = peek(s, i);
    switch (p.kind) {
      case CharKind::kSpace:
        i += p.len;
        break;
      case CharKind::kHan:
        i = han_run(i);
        break;
      case CharKind::kDigit:
        i = number(i, i);
        break;
      case CharKind::kLetter:
        i = emit(i, word_end(i));
        break;
      case CharKind::kMark:  // a mark with nothing to attach to (after a space)
        i = emit(i, i + p.len);
        break;
      case CharKind::kOther:
        if (p.cp == kWhiteCircle && circle_is_numeral(i, p.len)) {
          i = han_run(i);
        } else if (is_sign(p.cp) && peek(s, i + p.len).kind == CharKind::kDigit && sign_can_start_number(s, i)) {
          i = number(i, i + p.len);
        } else if (is_run_punct(p.cp)) {
          std::size_t e = i + p.len;
          for (Peek q = peek(s, e); q.cp == p.cp; q = peek(s, e)) e += q.len;
          i = emit(i, e);
        } else {
          i = emit(i, i + p.len);
        }
        break;
    }
  }
  engine.finish(s, out);
}

}  // namespace huozi::segment::rules
