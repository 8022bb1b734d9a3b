/**
 * The brain on an ordinary git repository: {@link dev.avalon.git.GitBrainStore}. The repository stays
 * readable by the command-line {@code git}; Avalon keeps its scratch work in the git-ignored
 * {@code .avalon/} folder beside {@code .git}. Nothing is {@code null} unless it says so.
 */
package dev.avalon.git;
