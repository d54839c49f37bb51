import { Component, type ReactNode } from "react";

interface Props {
  /** Where the user is (the hash): when it changes, a caught error is forgotten and the children render again. */
  resetKey: string;
  /** What shows instead of the children once they threw while rendering. */
  fallback: (error: Error) => ReactNode;
  children: ReactNode;
}

interface State {
  error: Error | null;
  resetKey: string;
}

/**
 * Catches an error thrown while its children render (or in their effects), so a bug or a
 * broken environment shows words instead of a blank page. React logs the error to the
 * console itself; going elsewhere in the site clears it.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey === state.resetKey ? null : { error: null, resetKey: props.resetKey };
  }

  override render(): ReactNode {
    return this.state.error === null ? this.props.children : this.props.fallback(this.state.error);
  }
}
