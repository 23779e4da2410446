import { act, cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import i18n from "../i18n";
import { RatingBadge, ratingsIn, ratingText } from "./RatingBadge";

afterEach(async () => {
  cleanup();
  await act(() => i18n.changeLanguage("th"));
});

describe("RatingBadge", () => {
  it("names the rating in Thai by default, with a colour class as a second signal", () => {
    const { container } = render(<RatingBadge rating="good" />);
    const badge = container.querySelector(".badge");
    expect(badge?.textContent).toBe("ผ่านดี");
    expect(badge?.className).toContain("tone-good");
  });

  it("gives every pass level and letter its own text (colour is never the only signal)", () => {
    const texts = ["excellent", "good", "pass", "fail"].map((r) => render(<RatingBadge rating={r} />).container);
    expect(texts.map((c) => c.textContent)).toEqual(["ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน", "ไม่ผ่าน"]);
    for (const letter of ["AA", "A", "B", "C", "D", "E", "F"]) {
      expect(render(<RatingBadge rating={letter} />).container.textContent).toBe(letter);
    }
  });

  it("switches to English with the language", async () => {
    await act(() => i18n.changeLanguage("en"));
    const { container } = render(<RatingBadge rating="fail" />);
    expect(container.textContent).toBe("Fail");
    expect(container.querySelector(".badge")?.className).toContain("tone-bad");
  });

  it("shows a dash for no rating and the raw key for an unknown one", () => {
    expect(render(<RatingBadge rating={null} />).container.textContent).toBe("–");
    expect(render(<RatingBadge rating="Z9" />).container.textContent).toBe("Z9");
  });
});

describe("ratingText", () => {
  it("is the badge's text, for charts and CSV", () => {
    expect(ratingText("excellent", "th")).toBe("ผ่านดีเยี่ยม");
    expect(ratingText("excellent", "en")).toBe("Excellent");
    expect(ratingText(undefined, "en")).toBe("–");
  });
});

describe("ratingsIn", () => {
  it("lists the ratings present, best first, whatever order the rows are in", () => {
    const rows = ["fail", null, "excellent", "pass", "excellent", "good"].map((rating) => ({ rating }));
    expect(ratingsIn(rows)).toEqual(["excellent", "good", "pass", "fail"]);
    expect(ratingsIn(["C", "AA", "F", "B"].map((rating) => ({ rating })))).toEqual(["AA", "B", "C", "F"]);
    expect(ratingsIn([])).toEqual([]);
  });
});
