import { useEffect, useId, useState } from "react";

/**
 * Pick a file, or drop it anywhere on the page. The input stays a real, labelled
 * <input type="file"> so keyboards, screen readers and tests use it as they would any.
 */
export function DropZone({ onFile, label, hint }: { onFile: (file: File) => void; label: string; hint: string }) {
  const inputId = useId();
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    let depth = 0;
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes("Files") === true;
    const onEnter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth += 1;
      setDragging(true);
    };
    const onLeave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onOver = (event: DragEvent) => {
      if (hasFiles(event)) event.preventDefault();
    };
    const onDrop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const file = event.dataTransfer?.files[0];
      if (file) onFile(file);
    };
    window.addEventListener("dragenter", onEnter);
    window.addEventListener("dragleave", onLeave);
    window.addEventListener("dragover", onOver);
    window.addEventListener("drop", onDrop);
    return () => {
      window.removeEventListener("dragenter", onEnter);
      window.removeEventListener("dragleave", onLeave);
      window.removeEventListener("dragover", onOver);
      window.removeEventListener("drop", onDrop);
    };
  }, [onFile]);

  return (
    <div className={`drop-zone${dragging ? " drop-zone-active" : ""}`}>
      <label htmlFor={inputId} className="drop-zone-label">
        <span className="drop-zone-title">{dragging ? "Drop it anywhere" : label}</span>
        <span className="muted">{hint}</span>
      </label>
      <input
        id={inputId}
        type="file"
        data-testid="archive-input"
        aria-label={label}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) onFile(file);
          // Let the same file be chosen again (e.g. after a cancel).
          event.target.value = "";
        }}
      />
    </div>
  );
}
