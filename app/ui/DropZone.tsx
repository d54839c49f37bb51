import { useCallback, useEffect, useId, useState } from "react";

/** One file, or (`onFiles`) several chosen or dropped together, e.g. an archive and its proof bundle. */
type Take = { onFile: (file: File) => void; onFiles?: never } | { onFiles: (files: File[]) => void; onFile?: never };

/**
 * Pick a file, or drop it anywhere on the page. The input stays a real, labelled
 * <input type="file"> so keyboards, screen readers and tests use it as they would any.
 */
export function DropZone({ onFile, onFiles, label, hint }: Take & { label: string; hint: string }) {
  const inputId = useId();
  const [dragging, setDragging] = useState(false);
  const take = useCallback(
    (list: FileList | null | undefined) => {
      const files = [...(list ?? [])];
      if (onFiles) {
        if (files.length > 0) onFiles(files);
      } else if (files[0]) onFile?.(files[0]);
    },
    [onFile, onFiles],
  );

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
      take(event.dataTransfer?.files);
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
  }, [take]);

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
        multiple={onFiles !== undefined}
        onChange={(event) => {
          take(event.target.files);
          // Let the same file be chosen again (e.g. after a cancel).
          event.target.value = "";
        }}
      />
    </div>
  );
}
