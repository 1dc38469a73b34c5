// Keeps a student's review progress in this browser's localStorage and hands it to the page.
// The page sends back a new revision after each answer; it is written here and nowhere else.
const SEEN = new WeakMap();

function readStored(key) {
  try {
    return { text: window.localStorage.getItem(key), error: null };
  } catch (e) {
    return { text: null, error: String((e && e.name) || e) };
  }
}

export default function (component) {
  const { data, parentElement, setStateValue } = component;
  if (!data || typeof data.key !== "string") return;
  let st = SEEN.get(parentElement);
  if (!st) {
    st = { revision: null, reported: null };
    SEEN.set(parentElement, st);
  }
  let error = null;
  if (typeof data.save === "string" && data.revision !== st.revision) {
    st.revision = data.revision;
    try {
      window.localStorage.setItem(data.key, data.save);
    } catch (e) {
      error = String((e && e.name) || e);
    }
  }
  if (st.reported !== data.key || error) {
    // Once per mount: what this browser holds (null for a first visit).
    st.reported = data.key;
    const stored = readStored(data.key);
    setStateValue("stored", { key: data.key, text: stored.text, error: error || stored.error });
  }
}
