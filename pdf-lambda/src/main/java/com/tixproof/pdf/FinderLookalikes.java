package com.tixproof.pdf;

/**
 * Counts the places in a QR symbol that a reader takes for a finder pattern of the symbol's own
 * module size: a dark run of 2 to 5 modules with one light and then one dark module on each side,
 * across its row and down its column. Readers look for dark, light, dark, light, dark in the ratio
 * 1:1:3:1:1 with about half a module of tolerance per run, and such a cross passes at every
 * resolution. ZXing stops looking once it has three centres of one size (or jumps ahead past the
 * rows where the third should be), so a lookalike met before a real finder makes the symbol
 * unreadable at some resolutions. Grids are {@code size * size} bytes, row by row, 1 = dark;
 * outside is the light quiet zone; the three real finders are not counted.
 */
final class FinderLookalikes {
  private static final int MIN_CORE = 2;
  private static final int MAX_CORE = 5;

  private FinderLookalikes() {}

  static int count(byte[] grid, int size) {
    int found = 0;
    int[] starts = new int[size];
    int[] lengths = new int[size];
    for (int y = 0; y < size; y++) {
      int runs = rowRuns(grid, size, y, starts, lengths);
      for (int r = 2; r + 2 < runs; r++) {
        if (grid[y * size + starts[r]] == 1 && core(lengths, r)) {
          for (int x = starts[r]; x < starts[r] + lengths[r]; x++) {
            if (!inFinder(x, y, size) && crossed(grid, size, x, y)) {
              found++;
            }
          }
        }
      }
    }
    return found;
  }

  /** Whether the column through (x, y) has the same shape around row y. */
  private static boolean crossed(byte[] g, int size, int x, int y) {
    int top = y;
    while (top > 0 && g[(top - 1) * size + x] == 1) {
      top--;
    }
    int bottom = y;
    while (bottom + 1 < size && g[(bottom + 1) * size + x] == 1) {
      bottom++;
    }
    int core = bottom - top + 1;
    return core >= MIN_CORE && core <= MAX_CORE
        && module(g, size, x, top - 1) == 0 && module(g, size, x, top - 2) == 1 && module(g, size, x, top - 3) == 0
        && module(g, size, x, bottom + 1) == 0 && module(g, size, x, bottom + 2) == 1 && module(g, size, x, bottom + 3) == 0;
  }

  /** The module in column x, row y: 1 dark, 0 light; outside the symbol is the light quiet zone. */
  private static int module(byte[] g, int size, int x, int y) {
    return y < 0 || y >= size ? 0 : g[y * size + x];
  }

  /** Runs r-2 to r+2 are dark 1, light 1, dark 2 to 5, light 1, dark 1 (with light beyond, since runs alternate). */
  private static boolean core(int[] lengths, int r) {
    return lengths[r - 2] == 1 && lengths[r - 1] == 1 && lengths[r] >= MIN_CORE && lengths[r] <= MAX_CORE
        && lengths[r + 1] == 1 && lengths[r + 2] == 1;
  }

  /** Splits row y into runs of one colour; returns how many. */
  private static int rowRuns(byte[] g, int size, int y, int[] starts, int[] lengths) {
    int runs = 0;
    int from = y * size;
    for (int k = 0; k < size; k++) {
      if (k == 0 || g[from + k] != g[from + k - 1]) {
        starts[runs] = k;
        lengths[runs] = 0;
        runs++;
      }
      lengths[runs - 1]++;
    }
    return runs;
  }

  private static boolean inFinder(int x, int y, int size) {
    return (x < 7 || x >= size - 7) && y < 7 || x < 7 && y >= size - 7;
  }
}
