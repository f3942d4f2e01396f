import { useState, type ChangeEvent } from 'react';

/**
 * The text of one input and its own error. Editing clears the error and calls `onEdit` (to
 * clear the last server answer), so no message outlives the input it was about.
 */
export function useFormField(initial: string, onEdit: () => void) {
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const onChange = (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    setText(e.target.value);
    setError(null);
    onEdit();
  };
  return { text, setText, error, setError, onChange };
}
