import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import "../i18n";
import { hintClass, ScrollX, scrollEdges } from "./ScrollX";

describe("scrollEdges", () => {
  it("hides nothing when the content fits (or overflows by a sub-pixel)", () => {
    expect(scrollEdges({ scrollLeft: 0, scrollWidth: 300, clientWidth: 300 })).toEqual({ left: false, right: false });
    expect(scrollEdges({ scrollLeft: 0, scrollWidth: 300.5, clientWidth: 300 })).toEqual({ left: false, right: false });
  });
  it("at the start only the right side hides content; at the end only the left", () => {
    expect(scrollEdges({ scrollLeft: 0, scrollWidth: 900, clientWidth: 390 })).toEqual({ left: false, right: true });
    expect(scrollEdges({ scrollLeft: 510, scrollWidth: 900, clientWidth: 390 })).toEqual({ left: true, right: false });
    expect(scrollEdges({ scrollLeft: 509.5, scrollWidth: 900, clientWidth: 390 })).toEqual({
      left: true,
      right: false,
    });
  });
  it("in between, both sides do", () => {
    expect(scrollEdges({ scrollLeft: 200, scrollWidth: 900, clientWidth: 390 })).toEqual({ left: true, right: true });
  });
  it("names the shadow classes after the hidden sides", () => {
    expect(hintClass({ left: false, right: false })).toBe("scroll-hint");
    expect(hintClass({ left: true, right: true })).toBe("scroll-hint more-left more-right");
  });
});

describe("ScrollX", () => {
  afterEach(cleanup);
  it("is a plain box while everything fits: no region, no tab stop", () => {
    render(
      <ScrollX label="ตาราง">
        <table />
      </ScrollX>,
    );
    expect(screen.queryByRole("region")).toBeNull();
  });
  it("stays a named region in the tab order when it must scroll down as well", () => {
    render(
      <ScrollX label="ตาราง" focusable="always">
        <table />
      </ScrollX>,
    );
    const region = screen.getByRole("region", { name: "ตาราง" });
    expect(region.tabIndex).toBe(0);
  });
});
