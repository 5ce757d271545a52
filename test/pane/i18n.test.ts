import { describe, expect, it } from "vitest";
import { loadStrings, ZH, type Strings } from "../../taskpane/i18n";

/** Every key path of a strings object (functions and strings are leaves). */
function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`])).sort();
}

describe("the pane's strings: Chinese bundled, English on demand", () => {
  it("Chinese is there at once, without loading anything", async () => {
    let loaded = false;
    const t = await loadStrings("zh", async () => {
      loaded = true;
      throw new Error("not to be called");
    });
    expect(t).toBe(ZH);
    expect(t.lang).toBe("zh");
    expect(t.appTitle).toBe("区县妇联工作评价");
    expect(loaded).toBe(false);
  });

  it("English comes from its own module, with every string Chinese has", async () => {
    const t: Strings = await loadStrings("en");
    expect(t.lang).toBe("en");
    expect(t.appTitle).toBe("District federation evaluation");
    expect(t.language).toBe("中文");
    expect(keys(t)).toEqual(keys(ZH));
  });

  it("a failed load rejects, so the pane keeps Chinese; the message saying so is Chinese", async () => {
    await expect(loadStrings("en", () => Promise.reject(new Error("ChunkLoadError")))).rejects.toThrow("ChunkLoadError");
    expect(ZH.languageFailed).toMatch(/未能加载英文界面.*仍为中文/);
  });
});
