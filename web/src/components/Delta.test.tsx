import { act, cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import i18n from "../i18n";
import { Delta, RankChange } from "./Delta";

afterEach(async () => {
  cleanup();
  await act(() => i18n.changeLanguage("th"));
});

/** What a sighted reader sees (the arrow) and what a screen reader hears (the word), without colour. */
function parts(el: HTMLElement) {
  const root = el.firstElementChild as HTMLElement;
  return {
    className: root.className,
    arrow: root.querySelector('[aria-hidden="true"]')?.textContent,
    word: root.querySelector(".sr-only")?.textContent?.trim(),
    text: root.textContent,
  };
}

describe("Delta", () => {
  it("shows a gain with an up arrow, a plus sign and the word", () => {
    const p = parts(render(<Delta value={1.25} />).container);
    expect(p.className).toContain("up");
    expect(p.arrow).toBe("▲");
    expect(p.text).toContain("+1.25");
    expect(p.word).toBe("(ขึ้น)");
  });

  it("shows a loss with a down arrow, a real minus sign and the word", () => {
    const p = parts(render(<Delta value={-0.4} />).container);
    expect(p.className).toContain("down");
    expect(p.arrow).toBe("▼");
    expect(p.text).toContain("\u22120.40");
    expect(p.word).toBe("(ลง)");
  });

  it("shows no change as a square and the word", () => {
    const p = parts(render(<Delta value={0} />).container);
    expect(p.className).toContain("flat");
    expect(p.arrow).toBe("■");
    expect(p.text).toContain("0.00");
    expect(p.word).toBe("(คงที่)");
  });

  it("appends a suffix after the number", () => {
    expect(render(<Delta value={2} suffix=" %" />).container.textContent).toContain("+2.00 %");
  });

  it("shows a count's change as a whole number (integer), with the arrow and the sign", () => {
    const up = parts(render(<Delta value={1} integer />).container);
    expect(up.arrow).toBe("▲");
    expect(up.text).toContain("+1");
    expect(up.text).not.toContain("+1.00");
    expect(parts(render(<Delta value={-12} integer />).container).text).toContain("\u221212");
    expect(parts(render(<Delta value={0} integer />).container).text).toMatch(/^■ 0 \(/);
  });

  it("shows a dash when the change is unknown", () => {
    expect(render(<Delta value={null} />).container.textContent).toBe("–");
  });

  it("speaks English when the language is English", async () => {
    await act(() => i18n.changeLanguage("en"));
    expect(parts(render(<Delta value={-3} />).container).word).toBe("(down)");
  });
});

describe("RankChange", () => {
  it("shows places moved up with an up arrow and no sign", () => {
    const p = parts(render(<RankChange value={3} />).container);
    expect(p.arrow).toBe("▲");
    expect(p.text).toMatch(/▲ 3/);
    expect(p.word).toBe("(ขึ้น)");
    expect(
      render(<RankChange value={3} />)
        .container.querySelector("[title]")
        ?.getAttribute("title"),
    ).toBe("อันดับ +3");
  });

  it("shows places moved down with a down arrow and the absolute number", () => {
    const p = parts(render(<RankChange value={-12} />).container);
    expect(p.arrow).toBe("▼");
    expect(p.text).toMatch(/▼ 12/);
    expect(p.word).toBe("(ลง)");
  });

  it("shows an unchanged rank and an unknown one", () => {
    expect(parts(render(<RankChange value={0} />).container).word).toBe("(คงที่)");
    expect(render(<RankChange value={null} />).container.textContent).toBe("–");
  });
});
