//! The tokenizer and the recursive-descent parser: formula text to a small expression tree,
//! or a [`FormulaError`] that says where (a byte span) and what was expected there.
//!
//! Grammar (lowest precedence first; `^` is right-associative and binds tighter than unary
//! minus, so `-x^2` is `−(x²)` and `2^3^2` is `2^9`):
//!
//! ```text
//! sum     := product (("+" | "-") product)*
//! product := unary (("*" | "/") unary)*
//! unary   := ("-" | "+") unary | power
//! power   := atom (("^" | "**") unary)?
//! atom    := number | name | name "(" sum ("," sum)* ")" | "(" sum ")"
//! ```
//!
//! The parser is bounded: the text is at most [`MAX_CHARS`] characters and nesting (brackets,
//! calls and unary signs) at most [`MAX_DEPTH`] levels, so recursion and memory are bounded
//! whatever is typed.

use super::{FormulaError, Func, MAX_CHARS, MAX_DEPTH, known_names};

/// A parsed expression.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Expr {
    /// A literal number or a named constant.
    Number(f64),
    /// The first parameter.
    X,
    /// The second parameter.
    Y,
    /// Unary minus.
    Neg(Box<Expr>),
    /// A binary operator.
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// A function call with its checked number of arguments.
    Call(Func, Vec<Expr>),
}

/// The binary operators (and the two-argument functions min, max).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
    Min,
    Max,
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Number(f64),
    Name(String),
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    LParen,
    RParen,
    Comma,
    End,
}

impl Token {
    fn describe(&self) -> String {
        match self {
            Self::Number(v) => format!("the number {v}"),
            Self::Name(n) => format!("'{n}'"),
            Self::Plus => "'+'".into(),
            Self::Minus => "'-'".into(),
            Self::Star => "'*'".into(),
            Self::Slash => "'/'".into(),
            Self::Caret => "'^'".into(),
            Self::LParen => "'('".into(),
            Self::RParen => "')'".into(),
            Self::Comma => "','".into(),
            Self::End => "the end of the formula".into(),
        }
    }
}

/// A token and its byte span in the source.
#[derive(Clone, Debug)]
struct Spanned {
    token: Token,
    start: usize,
    end: usize,
}

fn error(start: usize, end: usize, message: impl Into<String>) -> FormulaError {
    FormulaError {
        start,
        end,
        column: 0,
        message: message.into(),
    }
}

/// Splits `source` into tokens, ending with [`Token::End`].
fn tokenize(source: &str) -> Result<Vec<Spanned>, FormulaError> {
    let mut tokens = Vec::new();
    let mut chars = source.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        if c.is_ascii_digit() || c == '.' {
            let end = number_end(source, start);
            let text = &source[start..end];
            let value: f64 = text
                .parse()
                .map_err(|_| error(start, end, format!("'{text}' is not a number")))?;
            if !value.is_finite() {
                return Err(error(
                    start,
                    end,
                    format!("the number '{text}' is too large"),
                ));
            }
            tokens.push(Spanned {
                token: Token::Number(value),
                start,
                end,
            });
            while chars.peek().is_some_and(|&(i, _)| i < end) {
                chars.next();
            }
            continue;
        }
        if c.is_ascii_alphabetic() || c == '_' {
            let mut end = start;
            while let Some(&(i, d)) = chars.peek() {
                if d.is_ascii_alphanumeric() || d == '_' {
                    end = i + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            tokens.push(Spanned {
                token: Token::Name(source[start..end].to_string()),
                start,
                end,
            });
            continue;
        }
        chars.next();
        let mut end = start + c.len_utf8();
        let token = match c {
            '+' => Token::Plus,
            // The typographic minus too: basin shows formulas with it.
            '-' | '\u{2212}' => Token::Minus,
            '*' => {
                if chars.peek().is_some_and(|&(_, d)| d == '*') {
                    chars.next();
                    end += 1;
                    Token::Caret
                } else {
                    Token::Star
                }
            }
            '/' | '\u{f7}' => Token::Slash,
            // × and · as typed or pasted from a formula.
            '\u{d7}' | '\u{b7}' => Token::Star,
            // π as the constant pi.
            '\u{3c0}' => Token::Name("pi".to_string()),
            '^' => Token::Caret,
            '(' => Token::LParen,
            ')' => Token::RParen,
            ',' => Token::Comma,
            other => {
                return Err(error(
                    start,
                    end,
                    format!(
                        "unexpected character '{other}': a formula uses numbers, x, y, names, \
                         + - * / ^, brackets and commas (x², for one, is written x^2)"
                    ),
                ));
            }
        };
        tokens.push(Spanned { token, start, end });
    }
    tokens.push(Spanned {
        token: Token::End,
        start: source.len(),
        end: source.len(),
    });
    Ok(tokens)
}

/// The end of the number starting at `start`: digits, one optional fraction, and an
/// exponent only when digits follow it (so `2e` is 2 then the name `e`).
fn number_end(source: &str, start: usize) -> usize {
    let bytes = source.as_bytes();
    let digits = |mut i: usize| {
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        i
    };
    let mut i = digits(start);
    if i < bytes.len() && bytes[i] == b'.' {
        i = digits(i + 1);
    }
    if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
        let mut j = i + 1;
        if j < bytes.len() && (bytes[j] == b'+' || bytes[j] == b'-') {
            j += 1;
        }
        if j < bytes.len() && bytes[j].is_ascii_digit() {
            i = digits(j);
        }
    }
    i
}

/// What may start an operand, for messages.
const OPERAND: &str = "a number, x, y, a constant (pi, e), a function such as sin(...), '(' or '-'";

struct Parser<'a> {
    source: &'a str,
    tokens: Vec<Spanned>,
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    /// The 1-based character position of byte `at`, for messages.
    fn column(&self, at: usize) -> usize {
        self.source
            .get(..at)
            .map_or(at, |prefix| prefix.chars().count())
            + 1
    }

    fn peek(&self) -> &Spanned {
        // `tokenize` always ends with `End`, and `bump` never moves past it.
        &self.tokens[self.pos.min(self.tokens.len() - 1)]
    }

    fn bump(&mut self) -> Spanned {
        let t = self.peek().clone();
        if t.token != Token::End {
            self.pos += 1;
        }
        t
    }

    fn enter(&mut self, at: &Spanned) -> Result<(), FormulaError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(error(
                at.start,
                at.end,
                format!("the formula nests deeper than {MAX_DEPTH} levels"),
            ));
        }
        Ok(())
    }

    fn sum(&mut self) -> Result<Expr, FormulaError> {
        let mut lhs = self.product()?;
        loop {
            let op = match self.peek().token {
                Token::Plus => BinaryOp::Add,
                Token::Minus => BinaryOp::Sub,
                _ => return Ok(lhs),
            };
            self.bump();
            let rhs = self.product()?;
            lhs = Expr::Binary(op, Box::new(lhs), Box::new(rhs));
        }
    }

    fn product(&mut self) -> Result<Expr, FormulaError> {
        let mut lhs = self.unary()?;
        loop {
            let op = match self.peek().token {
                Token::Star => BinaryOp::Mul,
                Token::Slash => BinaryOp::Div,
                _ => return Ok(lhs),
            };
            self.bump();
            let rhs = self.unary()?;
            lhs = Expr::Binary(op, Box::new(lhs), Box::new(rhs));
        }
    }

    fn unary(&mut self) -> Result<Expr, FormulaError> {
        let t = self.peek().clone();
        match t.token {
            Token::Minus | Token::Plus => {
                self.bump();
                self.enter(&t)?;
                let operand = self.unary()?;
                self.depth -= 1;
                Ok(if t.token == Token::Minus {
                    Expr::Neg(Box::new(operand))
                } else {
                    operand
                })
            }
            _ => self.power(),
        }
    }

    fn power(&mut self) -> Result<Expr, FormulaError> {
        let base = self.atom()?;
        let t = self.peek().clone();
        if t.token != Token::Caret {
            return Ok(base);
        }
        self.bump();
        self.enter(&t)?;
        let exponent = self.unary()?;
        self.depth -= 1;
        Ok(Expr::Binary(
            BinaryOp::Pow,
            Box::new(base),
            Box::new(exponent),
        ))
    }

    fn atom(&mut self) -> Result<Expr, FormulaError> {
        let t = self.bump();
        match t.token {
            Token::Number(v) => Ok(Expr::Number(v)),
            Token::LParen => {
                self.enter(&t)?;
                let inner = self.sum()?;
                self.close(&t, "the '(' at")?;
                self.depth -= 1;
                Ok(inner)
            }
            Token::Name(ref name) => self.name(name, &t),
            Token::End => Err(error(
                t.start,
                t.end,
                format!("the formula ends too early: expected {OPERAND}"),
            )),
            ref other => Err(error(
                t.start,
                t.end,
                format!("expected {OPERAND}, found {}", other.describe()),
            )),
        }
    }

    /// Expects the `)` that closes `open`.
    fn close(&mut self, open: &Spanned, what: &str) -> Result<(), FormulaError> {
        let t = self.peek().clone();
        if t.token == Token::RParen {
            self.bump();
            return Ok(());
        }
        let column = self.column(open.start);
        Err(error(
            t.start,
            t.end,
            format!(
                "expected ')' to close {what} character {column}, or an operator, found {}",
                t.token.describe()
            ),
        ))
    }

    fn name(&mut self, name: &str, at: &Spanned) -> Result<Expr, FormulaError> {
        let calls = self.peek().token == Token::LParen;
        let value = match name {
            "x" => Some(Expr::X),
            "y" => Some(Expr::Y),
            "pi" => Some(Expr::Number(std::f64::consts::PI)),
            "e" => Some(Expr::Number(std::f64::consts::E)),
            _ => None,
        };
        if let Some(value) = value {
            if calls {
                return Err(error(
                    at.start,
                    at.end,
                    format!(
                        "'{name}' is not a function, so it cannot be called with '('; write '{name}*(...)' to multiply"
                    ),
                ));
            }
            return Ok(value);
        }
        let Some(func) = Func::from_name(name) else {
            return Err(error(
                at.start,
                at.end,
                format!("unknown name '{name}'; known names: {}", known_names()),
            ));
        };
        if !calls {
            return Err(error(
                at.start,
                at.end,
                format!("'{name}' is a function: write {name}(...)"),
            ));
        }
        let open = self.bump();
        self.enter(&open)?;
        let mut args = vec![self.sum()?];
        while self.peek().token == Token::Comma {
            self.bump();
            args.push(self.sum()?);
        }
        let what = format!("the arguments of {name} opened at");
        self.close(&open, &what)?;
        self.depth -= 1;
        if args.len() != func.arity() {
            let plural = if func.arity() == 1 { "" } else { "s" };
            return Err(error(
                at.start,
                self.tokens[self.pos - 1].end,
                format!(
                    "{name} takes {} argument{plural}, got {}",
                    func.arity(),
                    args.len()
                ),
            ));
        }
        Ok(Expr::Call(func, args))
    }
}

/// Parses a whole formula; errors carry their character column.
pub(super) fn parse(source: &str) -> Result<Expr, FormulaError> {
    parse_text(source).map_err(|mut e| {
        e.column = source.get(..e.start).map_or(e.start, |p| p.chars().count()) + 1;
        e
    })
}

fn parse_text(source: &str) -> Result<Expr, FormulaError> {
    let chars = source.chars().count();
    if chars > MAX_CHARS {
        return Err(error(
            0,
            source.len(),
            format!("the formula is {chars} characters long; at most {MAX_CHARS} are accepted"),
        ));
    }
    if source.trim().is_empty() {
        return Err(error(
            0,
            source.len(),
            "the formula is empty: write an expression in x and y, e.g. x^2 + y^2",
        ));
    }
    let tokens = tokenize(source)?;
    let mut parser = Parser {
        source,
        tokens,
        pos: 0,
        depth: 0,
    };
    let expr = parser.sum()?;
    let t = parser.peek().clone();
    if t.token != Token::End {
        let previous = parser.pos.checked_sub(1).map(|i| &parser.tokens[i].token);
        let hint = match (previous, &t.token) {
            (Some(Token::Number(_) | Token::Name(_) | Token::RParen), Token::Name(_))
            | (Some(Token::Number(_) | Token::RParen), Token::LParen | Token::Number(_)) => {
                " (multiplication needs '*', e.g. 2*x)"
            }
            (_, Token::RParen) => " (this ')' has no matching '(')",
            _ => "",
        };
        return Err(error(
            t.start,
            t.end,
            format!(
                "expected an operator (+ - * / ^) or the end, found {}{hint}",
                t.token.describe()
            ),
        ));
    }
    Ok(expr)
}
