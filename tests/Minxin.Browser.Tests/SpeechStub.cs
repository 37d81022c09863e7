namespace Minxin.Browser.Tests;

/// <summary>
/// Headless Chromium has no voices: the tests replace speechSynthesis with a recorder, so what would be spoken, in
/// which language and at which rate, can be read back from window.__spoken. Each utterance "lasts" 40 ms, so a
/// reading is still under way when a test looks at the button that stops it.
/// </summary>
public static class SpeechStub
{
    public const string Script = """
        (() => {
          window.__spoken = [];
          const synth = {
            speaking: false, paused: false, pending: false,
            getVoices: () => [],
            speak: u => { window.__spoken.push({ text: u.text, lang: u.lang, rate: u.rate }); setTimeout(() => u.onend && u.onend(), 40); },
            cancel: () => { window.__cancelled = (window.__cancelled || 0) + 1; },
            pause: () => { synth.paused = true; },
            resume: () => { synth.paused = false; },
            addEventListener: () => {}, removeEventListener: () => {},
          };
          Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
          window.SpeechSynthesisUtterance = function (text) { this.text = text; this.lang = ''; this.rate = 1; };
        })();
        """;

    /// <summary>A browser without speech: the speech buttons must stay hidden.</summary>
    public const string Missing = """
        (() => {
          Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
          window.SpeechSynthesisUtterance = undefined;
        })();
        """;

    public sealed class Utterance
    {
        public string Text { get; set; } = "";

        public string Lang { get; set; } = "";

        public double Rate { get; set; }
    }
}
